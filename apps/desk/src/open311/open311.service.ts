import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LEGAL_REGIMES, LegalRegime } from '@otklik/contracts';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { IncidentListed, IncidentStore, PublicIncidentQuery } from '../projection/incident.store';
import { PostStore } from '../projection/post.store';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { EXTERNAL_ID_PREFIX, externalIdOf, IntakeForwarderService } from './intake-forwarder.service';
import { Open311RequestStore } from './open311-request.store';
import { FieldCheck, Fields } from './open311.input';

/** One attribute the service definitions offer: address details the map cannot show. */
const ATTRIBUTES = [
  {
    variable: true,
    code: 'address_details',
    datatype: 'string',
    required: false,
    order: 1,
    datatype_description: 'Подъезд, этаж, квартира или ориентир',
    description: 'Уточнение адреса',
  },
];
const DEFAULT_DAYS = 90;
const MAX_RESULTS = 1000;

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes?: string;
  service_name?: string;
  service_code?: string;
  description?: string;
  agency_responsible?: string;
  service_notice?: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime?: string;
  address?: string;
  address_id?: string;
  zipcode?: string;
  lat?: number;
  long?: number;
  media_url?: string;
}

/** GeoReport v2 over the taxonomy (services) and the incident read model (requests). */
@Injectable()
export class GeoReportService {
  constructor(
    private readonly requests: Open311RequestStore,
    private readonly incidents: IncidentStore,
    private readonly posts: PostStore,
    private readonly taxonomy: TaxonomyService,
    private readonly forwarder: IntakeForwarderService,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /** A jurisdiction other than ours is not served here. */
  checkJurisdiction(fields: Fields): void {
    const jurisdiction = fields.jurisdiction_id;
    if (jurisdiction !== undefined && jurisdiction !== this.config.open311Jurisdiction) {
      throw DeskError.notFound(`jurisdiction_id ${String(jurisdiction)}`);
    }
  }

  services(): Open311Service[] {
    return this.taxonomy.categories().flatMap((category) =>
      category.topics.map((topic) => ({
        service_code: topic.code,
        service_name: topic.ru,
        description: `${category.ru}: ${topic.ru}`,
        metadata: true,
        type: 'realtime' as const,
        keywords: [topic.ru, topic.en].filter(Boolean).join(', '),
        group: category.ru,
      })),
    );
  }

  definition(code: string): { service_code: string; attributes: typeof ATTRIBUTES } {
    if (!this.services().some((service) => service.service_code === code)) throw DeskError.notFound(`service_code ${code}`);
    return { service_code: code, attributes: ATTRIBUTES };
  }

  /** Stores a request and answers with a token; ingest receives it shortly (see IntakeForwarderService). */
  async submit(fields: Fields, submittedBy: string, now = new Date()): Promise<{ token: string; service_notice: string; account_id?: string }> {
    const check = new FieldCheck();
    const serviceCode = check.text(fields, 'service_code', 100, true);
    if (serviceCode && !this.services().some((service) => service.service_code === serviceCode)) check.fail('service_code', 'unknown service');
    const lat = check.number(fields, 'lat', -90, 90);
    const long = check.number(fields, 'long', -180, 180);
    const given = (name: string): boolean => fields[name] !== undefined && fields[name] !== '';
    if (given('lat') !== given('long')) check.fail(given('lat') ? 'long' : 'lat', 'lat and long come together');
    const addressString = check.text(fields, 'address_string', 500);
    const addressId = check.text(fields, 'address_id', 100);
    if (!given('lat') && !given('address_string') && !given('address_id')) {
      check.fail('lat', 'a location is required: lat & long, address_string or address_id');
    }
    const description = check.text(fields, 'description', 4000, true);
    const mediaUrl = check.url(fields, 'media_url');
    const email = check.text(fields, 'email', 200);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) check.fail('email', 'must be an e-mail address');
    const accountId = check.text(fields, 'account_id', 200);
    const deviceId = check.text(fields, 'device_id', 200);
    const name = [check.text(fields, 'first_name', 100), check.text(fields, 'last_name', 100)].filter(Boolean).join(' ');
    check.text(fields, 'phone', 50);
    const attributes = this.attributes(fields.attribute, check);
    const regime = this.regime(fields, check);
    check.done();
    const token = randomUUID();
    await this.requests.add({
      token,
      // done() has refused the request if either was missing.
      serviceCode: serviceCode as string,
      description: description as string,
      lat,
      long,
      addressString,
      addressId,
      mediaUrl,
      attributes,
      regime,
      authorId: accountId ?? deviceId ?? email ?? `anonymous:${token}`,
      authorName: name || undefined,
      accountId,
      submittedBy,
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
    void this.forwarder.forward();
    return { token, service_notice: 'Обращение принято, номер будет присвоен после регистрации', ...(accountId ? { account_id: accountId } : {}) };
  }

  /**
   * Otklik's extension: the citizen's follow-up on a request («спасибо, сделали», «ничего не
   * сделано», a new photo), handed to ingest as a reply to the request's post, where the verdict
   * on the answer is read. Only a request made through Open311 can be followed up.
   */
  async followUp(requestId: string, fields: Fields, submittedBy: string, now = new Date()): Promise<{ token: string; service_request_id: string; service_notice: string }> {
    const check = new FieldCheck();
    const description = check.text(fields, 'description', 4000);
    const mediaUrl = check.url(fields, 'media_url');
    if (!description && !mediaUrl) check.fail('description', 'required (or a media_url)');
    check.done();
    const incident = await this.incidents.findListed(requestId);
    if (!incident) throw DeskError.notFound(`service_request_id ${requestId}`);
    const followed = (await this.posts.views(incident.postIds)).find((post) => post.platform === 'intake' && post.externalId?.startsWith(EXTERNAL_ID_PREFIX))?.externalId;
    const original = followed && (await this.requests.find(followed.slice(EXTERNAL_ID_PREFIX.length)));
    if (!followed || !original) throw DeskError.invalid('service_request_id', `request ${requestId} was not made through Open311 and cannot be followed up here`);
    const token = randomUUID();
    await this.requests.add({
      token,
      serviceCode: original.serviceCode,
      description: description ?? '',
      mediaUrl,
      attributes: {},
      followsUp: followed,
      authorId: original.authorId,
      authorName: original.authorName,
      submittedBy,
      createdAt: now,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
    });
    void this.forwarder.forward();
    return { token, service_request_id: incident.number ?? incident.incidentId, service_notice: 'Отзыв принят' };
  }

  /** Otklik's extension: the legal regime that sets the deadlines (a ПОС message, a 59-ФЗ appeal). */
  private regime(fields: Fields, check: FieldCheck): LegalRegime | undefined {
    const value = check.text(fields, 'regime', 20);
    if (value === undefined) return undefined;
    const known = LEGAL_REGIMES.find((regime) => regime === value);
    return known ?? check.fail('regime', `must be one of ${LEGAL_REGIMES.join(', ')}`);
  }

  private attributes(raw: unknown, check: FieldCheck): Record<string, string> {
    if (raw === undefined) return {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return check.fail('attribute', 'must be attribute[code]=value') ?? {};
    const known = new Set(ATTRIBUTES.map((attribute) => attribute.code));
    const result: Record<string, string> = {};
    for (const [code, value] of Object.entries(raw)) {
      if (!known.has(code)) check.fail(`attribute[${code}]`, 'unknown attribute');
      else if (typeof value !== 'string' || value.length > 500) check.fail(`attribute[${code}]`, 'must be text of at most 500 characters');
      else result[code] = value.trim();
    }
    return result;
  }

  async list(fields: Fields, now = new Date()): Promise<Open311Request[]> {
    const check = new FieldCheck();
    const ids = check.text(fields, 'service_request_id', 4000);
    const serviceCode = check.text(fields, 'service_code', 100);
    const start = check.date(fields, 'start_date');
    const end = check.date(fields, 'end_date');
    const status = check.text(fields, 'status', 20);
    if (status && !['open', 'closed', 'open,closed', 'closed,open'].includes(status)) check.fail('status', 'must be open or closed');
    check.done();
    const query: PublicIncidentQuery = { limit: MAX_RESULTS };
    if (ids) {
      query.idsOrNumbers = ids
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
        .slice(0, 100);
    } else {
      query.createdTo = end ?? now;
      query.createdFrom = start ?? new Date(query.createdTo.getTime() - DEFAULT_DAYS * 86_400_000);
      if (serviceCode) query[serviceCode.includes('.') ? 'topicCode' : 'categoryCode'] = serviceCode;
      if (status === 'open' || status === 'closed') query.open = status === 'open';
    }
    return (await this.incidents.listPublic(query)).map((incident) => this.toRequest(incident));
  }

  async get(id: string): Promise<Open311Request> {
    const incident = await this.incidents.findListed(id);
    if (!incident) throw DeskError.notFound(`service_request_id ${id}`);
    return this.toRequest(incident);
  }

  /** The request id a token has become, once ingest, the classifier and the router have made it an incident. */
  async token(token: string): Promise<{ token: string; service_request_id?: string }> {
    if (!(await this.requests.find(token))) throw DeskError.notFound(`token ${token}`);
    const post = await this.posts.findExternal('intake', externalIdOf(token));
    const incident = post && (await this.holding(post.postId));
    return incident ? { service_request_id: incident.number ?? incident.incidentId, token } : { token };
  }

  /** The incident holding a post now (a split may have moved it on). */
  private async holding(postId: string): Promise<IncidentListed | undefined> {
    for (const incidentId of await this.incidents.holding(postId)) {
      const incident = await this.incidents.findListed(incidentId);
      if (incident?.postIds.includes(postId)) return incident;
    }
    return undefined;
  }

  private toRequest(incident: IncidentListed): Open311Request {
    const finalAnswer = [...incident.answers].reverse().find((answer) => answer.kind === 'final') ?? incident.answers.at(-1);
    return {
      service_request_id: incident.number ?? incident.incidentId,
      status: incident.open ? 'open' : 'closed',
      status_notes: finalAnswer?.text,
      service_name: incident.topicCode ? this.taxonomy.label(incident.topicCode) : undefined,
      service_code: incident.topicCode,
      description: incident.summary,
      agency_responsible: incident.agencyId,
      requested_datetime: incident.createdAt,
      updated_datetime: incident.updatedAt,
      expected_datetime: incident.nextDueAt,
      address: incident.place?.address ?? incident.place?.name,
      lat: incident.geo?.lat,
      long: incident.geo?.lon,
      media_url: finalAnswer?.photos[0]?.url,
    };
  }
}
