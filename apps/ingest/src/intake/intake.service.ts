import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors } from '@otklik/contracts';
import type { PostDraft, RecordResult } from '../posts/post.model';
import type { PostRecorderService } from '../posts/post-recorder.service';
import { recordAll } from '../posts/record-batch';
import type { SourceDirectory } from '../sources/source-directory';
import type { SourceConfig } from '../sources/source.model';
import { IntakePostDto, MAX_INTAKE_BATCH } from './intake.dto';

/** A request that cannot be taken; `issues` name each bad field as `[index].path: message`. */
export class IntakeValidationError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid posts: ${issues.slice(0, 20).join('; ')}`);
    this.name = 'IntakeValidationError';
  }
}

/** What happened to one post of a request. */
export interface IntakeItemResult {
  externalId: string;
  postId?: string;
  outcome: RecordResult['outcome'];
  duplicateOf?: string;
  filterReasons?: string[];
}

/**
 * Generic intake for other monitoring tools. A request is validated whole before anything is
 * recorded, so a 400 means nothing of it was taken and the tool can fix and resend all of it.
 */
export class IntakeService {
  constructor(
    private readonly recorder: PostRecorderService,
    private readonly sources: SourceDirectory,
  ) {}

  /** Validates a body (one post or an array of them) into drafts; throws IntakeValidationError. */
  async validate(body: unknown): Promise<PostDraft[]> {
    const single = !Array.isArray(body);
    const items: unknown[] = Array.isArray(body) ? body : [body];
    if (items.length === 0) throw new IntakeValidationError(['body: at least one post is needed']);
    if (items.length > MAX_INTAKE_BATCH) throw new IntakeValidationError([`body: at most ${MAX_INTAKE_BATCH} posts per request, got ${items.length}`]);
    const issues: string[] = [];
    const dtos: IntakePostDto[] = [];
    items.forEach((item, index) => {
      const prefix = single ? '' : `[${index}]`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        issues.push(`${prefix || 'body'}: must be a JSON object`);
        return;
      }
      const dto = plainToInstance(IntakePostDto, item);
      issues.push(...describeValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }), prefix));
      dtos.push(dto);
    });
    if (issues.length > 0) throw new IntakeValidationError(issues);
    const sources = new Map<string, SourceConfig | undefined>();
    for (const id of new Set(dtos.map((d) => d.sourceId))) sources.set(id, await this.sources.byId(id));
    dtos.forEach((dto, index) => {
      const source = sources.get(dto.sourceId);
      const field = single ? 'sourceId' : `[${index}].sourceId`;
      if (!source) issues.push(`${field}: no source ${dto.sourceId}`);
      else if (!source.enabled) issues.push(`${field}: source ${dto.sourceId} is disabled`);
    });
    if (issues.length > 0) throw new IntakeValidationError(issues);
    return dtos.map((dto) => this.draft(dto, sources.get(dto.sourceId) as SourceConfig));
  }

  /** Records validated drafts, several at a time but each (platform, externalId) in request order. */
  async record(drafts: PostDraft[]): Promise<IntakeItemResult[]> {
    const results = await recordAll(
      this.recorder,
      drafts.map((draft) => ({ kind: 'post' as const, draft })),
    );
    return results.map((result, index) => ({ externalId: drafts[index].externalId, ...result }));
  }

  private draft(dto: IntakePostDto, source: SourceConfig): PostDraft {
    const community = dto.community ?? { id: source.communityId ?? source.id, name: source.name };
    return {
      platform: dto.platform ?? 'intake',
      externalId: dto.externalId,
      sourceId: source.id,
      url: dto.url,
      community: {
        id: community.id,
        name: community.name,
        agencyId: dto.community?.agencyId ?? source.agencyId,
        territoryCode: dto.community?.territoryCode ?? source.territoryCode,
      },
      author: { platformId: dto.author.id, displayName: dto.author.displayName, isCommunity: dto.author.isCommunity ?? false },
      text: dto.text,
      createdAt: new Date(dto.createdAt),
      editedAt: dto.editedAt ? new Date(dto.editedAt) : undefined,
      replyTo: dto.replyTo,
      threadId: dto.threadId,
      attachments: (dto.attachments ?? []).map((a) => ({ type: a.type, url: a.url, key: `${a.type}:${a.url}` })),
      geo: dto.geo ? { lat: dto.geo.lat, lon: dto.geo.lon } : undefined,
      regime: dto.regime,
      raw: { ...dto },
    };
  }
}
