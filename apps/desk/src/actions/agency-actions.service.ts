import { Injectable } from '@nestjs/common';
import { TOPICS } from '@otklik/contracts';
import { randomUUID } from 'node:crypto';
import { assertAgencyMayAct } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentsService } from '../incidents/incidents.service';
import { FINISHED_STATES } from '../projection/incident.reducer';
import { IncidentRecord } from '../projection/incident.view';
import { AcknowledgeRequest, AnswerRequest, ReturnRequest } from './actions.dto';
import { actorOf, CommandEmitter } from './command-emitter';

/** Furthest an interim answer may promise the final one. */
const MAX_PROMISE_DAYS = 365;

/** What an agency does with its incidents: take it, answer it, or return it as not its own. */
@Injectable()
export class AgencyActionsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly emitter: CommandEmitter,
  ) {}

  async acknowledge(principal: Principal, incidentId: string, request: AcknowledgeRequest, now = new Date()): Promise<string> {
    const { incident, agencyId } = await this.actionable(principal, incidentId);
    if (incident.acknowledgedAt) throw DeskError.conflict(`already acknowledged at ${incident.acknowledgedAt}`);
    return this.emitter.emit(
      TOPICS.incidentAcknowledged,
      {
        incidentId,
        number: incident.number,
        agencyId,
        note: request.note,
        actor: actorOf(principal),
        acknowledgedAt: now.toISOString(),
      },
      incident,
      now,
    );
  }

  async answer(principal: Principal, incidentId: string, request: AnswerRequest, now = new Date()): Promise<string> {
    const { incident, agencyId } = await this.actionable(principal, incidentId);
    let promisedBy: string | undefined;
    if (request.kind === 'interim') {
      if (!request.promisedBy) throw DeskError.invalid('promisedBy', 'required for an interim answer');
      const promised = new Date(request.promisedBy);
      if (promised <= now) throw DeskError.invalid('promisedBy', 'must be in the future');
      if (promised.getTime() - now.getTime() > MAX_PROMISE_DAYS * 86_400_000) {
        throw DeskError.invalid('promisedBy', `must be within ${MAX_PROMISE_DAYS} days`);
      }
      promisedBy = promised.toISOString();
    } else if (request.promisedBy) {
      throw DeskError.invalid('promisedBy', 'only an interim answer promises a date');
    }
    if (!request.text.trim()) throw DeskError.invalid('text', 'must not be blank');
    return this.emitter.emit(
      TOPICS.agencyAnswered,
      {
        answerId: randomUUID(),
        incidentId,
        number: incident.number,
        agencyId,
        kind: request.kind,
        text: request.text.trim(),
        promisedBy,
        photos: (request.photos ?? []).map((url) => ({ type: 'photo', url })),
        actor: actorOf(principal),
        answeredAt: now.toISOString(),
      },
      incident,
      now,
    );
  }

  async returnIncident(principal: Principal, incidentId: string, request: ReturnRequest, now = new Date()): Promise<string> {
    const { incident, agencyId } = await this.actionable(principal, incidentId);
    if (request.suggestedAgencyId === agencyId) throw DeskError.invalid('suggestedAgencyId', 'is the agency returning it');
    return this.emitter.emit(
      TOPICS.returnRequested,
      {
        incidentId,
        number: incident.number,
        agencyId,
        reason: request.reason.trim(),
        suggestedAgencyId: request.suggestedAgencyId,
        actor: actorOf(principal),
        requestedAt: now.toISOString(),
      },
      incident,
      now,
    );
  }

  /** The incident, if this agency holds it and it still expects something of the agency. */
  private async actionable(principal: Principal, incidentId: string): Promise<{ incident: IncidentRecord; agencyId: string }> {
    const incident = await this.incidents.record(incidentId, principal);
    const agencyId = assertAgencyMayAct(principal, incident);
    if (FINISHED_STATES.has(incident.state)) throw DeskError.conflict(`incident is ${incident.state}`);
    return { incident, agencyId };
  }
}
