import { Injectable } from '@nestjs/common';
import { OperatorActionRequestedV1, TOPICS } from '@otklik/contracts';
import { assertOperator } from '../access/access.policy';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentsService } from '../incidents/incidents.service';
import { FINISHED_STATES } from '../projection/incident.reducer';
import { IncidentRecord } from '../projection/incident.view';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CorrectClassificationRequest } from './actions.dto';
import { actorOf, CommandEmitter } from './command-emitter';

type OperatorRequest =
  | { action: 'reassign'; agencyId: string; reason: string }
  | { action: 'merge'; targetIncidentId: string; reason: string }
  | { action: 'split'; postIds: string[]; reason: string }
  | { action: 'dismiss'; reason: string };

/** The management centre's decisions, sent to the classifier (corrections) and the router (the rest). */
@Injectable()
export class OperatorActionsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly emitter: CommandEmitter,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async correctClassification(principal: Principal, incidentId: string, change: CorrectClassificationRequest): Promise<string> {
    assertOperator(principal);
    const incident = await this.incidents.record(incidentId, principal);
    const { topicCode, kind, urgency, territoryCode } = change;
    if (!topicCode && !kind && !urgency && !territoryCode) {
      throw DeskError.invalid('topicCode', 'give at least one of topicCode, kind, urgency, territoryCode');
    }
    if (topicCode && !this.taxonomy.isKnown(topicCode)) {
      throw DeskError.invalid('topicCode', `unknown topic code "${topicCode}" in taxonomy ${this.taxonomy.version}`);
    }
    const postId = change.postId ?? incident.postIds[0];
    if (!postId) throw DeskError.invalid('postId', 'the incident has no post yet');
    if (!incident.postIds.includes(postId)) throw DeskError.invalid('postId', 'is not a post of this incident');
    const text = await this.incidents.postText(postId);
    return this.emitter.emit(
      TOPICS.classificationCorrected,
      {
        postId,
        incidentId,
        topicCode,
        kind,
        urgency,
        territoryCode,
        ...(text && { text }),
        correctedBy: principal.id,
      },
      incident,
    );
  }

  async request(principal: Principal, incidentId: string, request: OperatorRequest, now = new Date()): Promise<string> {
    assertOperator(principal);
    const incident = await this.incidents.record(incidentId, principal);
    if (FINISHED_STATES.has(incident.state)) throw DeskError.conflict(`incident is ${incident.state}; nothing to ${request.action}`);
    const payload: OperatorActionRequestedV1 = {
      incidentId,
      number: incident.number,
      action: request.action,
      reason: request.reason,
      actor: actorOf(principal),
      requestedAt: now.toISOString(),
    };
    if (request.action === 'reassign') {
      if (request.agencyId === incident.agencyId) throw DeskError.invalid('agencyId', 'already holds this incident');
      payload.agencyId = request.agencyId;
      payload.previousAgencyId = incident.agencyId;
    }
    if (request.action === 'merge') payload.targetIncidentId = (await this.mergeTarget(incident, request.targetIncidentId, principal)).incidentId;
    if (request.action === 'split') payload.postIds = this.splitPosts(incident, request.postIds);
    return this.emitter.emit(TOPICS.operatorActionRequested, payload, incident, now);
  }

  private async mergeTarget(incident: IncidentRecord, idOrNumber: string, principal: Principal): Promise<IncidentRecord> {
    let target: IncidentRecord;
    try {
      target = await this.incidents.record(idOrNumber, principal);
    } catch {
      throw DeskError.invalid('targetIncidentId', `no incident "${idOrNumber}"`);
    }
    if (target.incidentId === incident.incidentId) throw DeskError.invalid('targetIncidentId', 'cannot merge an incident into itself');
    if (FINISHED_STATES.has(target.state)) throw DeskError.invalid('targetIncidentId', `the target is ${target.state}`);
    return target;
  }

  private splitPosts(incident: IncidentRecord, postIds: string[]): string[] {
    const unique = [...new Set(postIds)];
    const foreign = unique.filter((postId) => !incident.postIds.includes(postId));
    if (foreign.length > 0) throw DeskError.invalid('postIds', `not posts of this incident: ${foreign.join(', ')}`);
    if (unique.length >= incident.postIds.length) throw DeskError.invalid('postIds', 'leave at least one post in this incident');
    return unique;
  }
}
