import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, IncidentSurgeV2 } from '@otklik/contracts';
import { assertOperator } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { SurgeClaims } from './surge-claims';
import { SurgeAcknowledgement, SurgeRecord, SurgeStatus } from './surge.schema';
import { SurgeStore } from './surge.store';

/** A surge as the console shows it: the record without its plumbing, times as ISO strings. */
export type SurgeView = Omit<SurgeRecord, 'key' | 'correlationId' | 'escalationEventId' | 'detectedAt' | 'acknowledgeBy' | 'acknowledged' | 'escalatedAt'> & {
  detectedAt: string;
  acknowledgeBy: string;
  acknowledged?: Omit<SurgeAcknowledgement, 'at'> & { at: string };
  escalatedAt?: string;
};

/** Which surges to list: those still waiting for the centre (open or escalated), or all. */
export type SurgeFilter = 'waiting' | 'all';

const WAITING: SurgeStatus[] = ['open', 'escalated'];

function present(s: SurgeRecord): SurgeView {
  return {
    surgeId: s.surgeId,
    territoryCode: s.territoryCode,
    territoryName: s.territoryName,
    topicCode: s.topicCode,
    incidentIds: s.incidentIds,
    windowMinutes: s.windowMinutes,
    threshold: s.threshold,
    detectedAt: s.detectedAt.toISOString(),
    acknowledgeBy: s.acknowledgeBy.toISOString(),
    status: s.status,
    ...(s.acknowledged && { acknowledged: { ...s.acknowledged, at: s.acknowledged.at.toISOString() } }),
    ...(s.escalatedAt && { escalatedAt: s.escalatedAt.toISOString() }),
  };
}

/**
 * The management centre's surge queue: every `incident.surge` the router announces waits here
 * until an operator acknowledges it (who and when are kept); one left waiting past
 * DESK_SURGE_ACKNOWLEDGE_MINUTES escalates (SurgeEscalationService).
 */
@Injectable()
export class SurgeQueueService {
  constructor(
    private readonly surges: SurgeStore,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
    private readonly claims: SurgeClaims,
  ) {}

  /** Queues an announced surge; the same announcement again changes nothing. */
  async detected(event: EventEnvelope<IncidentSurgeV2>): Promise<void> {
    const p = event.payload;
    // The router's key of a surge's events.
    const key = `${p.territoryCode}|${p.topicCode}`;
    const detectedAt = new Date(p.detectedAt);
    const record: SurgeRecord = {
      surgeId: event.id,
      key,
      correlationId: event.correlationId,
      territoryCode: p.territoryCode,
      territoryName: p.territoryName,
      topicCode: p.topicCode,
      incidentIds: p.incidentIds,
      windowMinutes: p.windowMinutes,
      threshold: p.threshold,
      detectedAt,
      acknowledgeBy: new Date(detectedAt.getTime() + this.config.surgeAcknowledgeMs),
      status: 'open',
    };
    await this.surges.addDetected(record);
  }

  async list(principal: Principal, filter: SurgeFilter, limit: number): Promise<SurgeView[]> {
    assertOperator(principal);
    return (await this.surges.list(filter === 'waiting' ? WAITING : undefined, limit)).map(present);
  }

  async get(principal: Principal, surgeId: string): Promise<SurgeView> {
    assertOperator(principal);
    return present(await this.record(surgeId));
  }

  /**
   * Takes the surge on: kept with who and when; one acknowledged before its deadline does not
   * escalate. A second acknowledgement is refused naming the first.
   */
  async acknowledge(principal: Principal, surgeId: string, note: string | undefined, now = new Date()): Promise<SurgeView> {
    assertOperator(principal);
    await this.record(surgeId);
    const acknowledgement: SurgeAcknowledgement = { userId: principal.id, name: principal.name, role: principal.role, at: now, ...(note && { note }) };
    if (!(await this.claims.acknowledgement(surgeId, acknowledgement))) {
      const first = await this.claims.acknowledgementOf(surgeId);
      // The first one may have stopped between its claim and its write: finish it, then refuse.
      if (first) await this.surges.markAcknowledged(surgeId, first);
      throw DeskError.conflict(`surge already acknowledged by ${first?.name ?? 'someone'} at ${first?.at.toISOString() ?? 'an unknown time'}`);
    }
    await this.claims.deadline(surgeId, 'acknowledgement', now);
    await this.surges.markAcknowledged(surgeId, acknowledgement);
    return present(await this.record(surgeId));
  }

  private async record(surgeId: string): Promise<SurgeRecord> {
    const found = await this.surges.find(surgeId);
    if (!found) throw DeskError.notFound(`surge ${surgeId}`);
    return found;
  }
}
