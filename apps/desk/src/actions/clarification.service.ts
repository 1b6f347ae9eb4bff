import { Injectable } from '@nestjs/common';
import { CLARIFIABLE_STATES, TOPICS } from '@otklik/contracts';
import { assertAgencyMayAct, assertOperator } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentsService } from '../incidents/incidents.service';
import { IncidentRecord } from '../projection/incident.view';
import { actorOf, CommandEmitter } from './command-emitter';

/** Asking the citizen for a clarification, and recording that it came. */
export type ClarificationStep = 'request_clarification' | 'clarification_received';

/**
 * A clarification asked of the citizen or received, by an operator or the agency holding the
 * incident. The router records it as a state change with a reason code, on which clocks of
 * policies that wait for the citizen pause and resume.
 */
@Injectable()
export class ClarificationService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly emitter: CommandEmitter,
  ) {}

  async record(principal: Principal, incidentId: string, step: ClarificationStep, reason: string, now = new Date()): Promise<string> {
    const incident = await this.incidents.record(incidentId, principal);
    if (principal.role === 'agency') assertAgencyMayAct(principal, incident);
    else assertOperator(principal);
    this.check(incident, step);
    return this.emitter.emit(
      TOPICS.operatorActionRequested,
      {
        incidentId,
        number: incident.number,
        action: step,
        reason: reason.trim(),
        actor: actorOf(principal),
        requestedAt: now.toISOString(),
      },
      incident,
      now,
    );
  }

  private check(incident: IncidentRecord, step: ClarificationStep): void {
    if (!CLARIFIABLE_STATES.includes(incident.state)) {
      throw DeskError.conflict(`incident is ${incident.state}; no clarification can be asked or received now`);
    }
    if (step === 'request_clarification' && incident.clarification) {
      throw DeskError.conflict(`a clarification asked at ${incident.clarification.requestedAt} has not come yet`);
    }
    if (step === 'clarification_received' && !incident.clarification) throw DeskError.conflict('no clarification was asked');
  }
}
