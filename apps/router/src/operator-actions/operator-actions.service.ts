import { EventCause, OperatorAction } from '@otklik/contracts';
import { stateEvents } from '../incidents/incident-events';
import { Changed, IncidentFactory } from '../incidents/incident-factory';
import { canTransition, ClarificationStep, clarificationRefusal, clarify, transition } from '../incidents/incident-lifecycle';
import { HELD_STATES, Incident, TERMINAL_STATES, territoryOf } from '../incidents/incident.model';
import { IncidentStore, nextVersion, withOptimisticRetry } from '../incidents/incident-store';
import { mergedEvent, splitEvent } from '../incidents/post-movement-events';
import { misrouteId, moveTarget, moveTo } from '../incidents/rerouting';
import { attributeLoss, lostMinutes } from '../misroutes/misroute-policy';
import { MisrouteStore } from '../misroutes/misroute.model';
import { RoutingEngine } from '../routing/routing-engine';
import { MisroutePolicy } from '../config/policies';

/** An operator's decision about an incident. */
export interface OperatorAct {
  incidentId: string;
  action: OperatorAction;
  agencyId?: string;
  targetIncidentId?: string;
  postIds?: string[];
  reason: string;
  /** `<role>:<user id>`. */
  actor: string;
  /** Agency of an agency actor: only the agency holding the incident may record clarifications. */
  actorAgencyId?: string;
  at: Date;
}

/** Applied (with every incident written and the events to publish) or refused with the reason. */
export type OperatorResult = { applied: true; incidents: Incident[]; events: Changed['events'] } | { applied: false; reason: string };

/**
 * Operators' decisions: reassign to another agency (a correction of a wrong address is counted
 * as a misroute of the original decision), merge into another incident, split posts out into a
 * new incident, dismiss; and, from operators or the holding agency, a clarification asked of the
 * citizen or received. Refusals name what is wrong; repeating an applied act changes nothing.
 */
export class OperatorActionsService {
  constructor(
    private readonly store: IncidentStore,
    private readonly misroutes: MisrouteStore,
    private readonly factory: IncidentFactory,
    private readonly engine: () => RoutingEngine,
    private readonly policy: MisroutePolicy,
  ) {}

  apply(act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    return withOptimisticRetry(async () => {
      const incident = await this.store.get(act.incidentId);
      if (!incident) return { applied: false, reason: `unknown incident ${act.incidentId}` };
      switch (act.action) {
        case 'reassign':
          return this.reassign(incident, act, cause);
        case 'merge':
          return this.merge(incident, act, cause);
        case 'split':
          return this.split(incident, act, cause);
        case 'dismiss':
          return this.dismiss(incident, act, cause);
        case 'request_clarification':
          return this.clarification(incident, 'awaiting_clarification', act, cause);
        case 'clarification_received':
          return this.clarification(incident, 'clarification_received', act, cause);
      }
    });
  }

  private async reassign(incident: Incident, act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    const engine = this.engine();
    const agency = act.agencyId ? engine.agencies.get(act.agencyId) : undefined;
    if (!agency || !agency.active) return { applied: false, reason: `agencyId: unknown or inactive agency ${act.agencyId ?? '(missing)'}` };
    if (incident.agencyId === agency.id) return { applied: false, reason: `incident ${incident.number} is already with ${agency.id}` };
    if (!canTransition(incident.state, moveTarget(incident))) return { applied: false, reason: `cannot reassign in state ${incident.state}` };
    const decision = { method: 'operator' as const, agencyId: agency.id, coExecutorIds: [], confidence: 1, explanation: `оператор ${act.actor}: ${agency.name} — ${act.reason}` };
    const previous = incident.agencyId;
    const wasHeld = HELD_STATES.includes(incident.state) && previous !== undefined && incident.decision?.method !== 'triage';
    const moved = moveTo(incident, decision, { actor: act.actor, at: act.at, reason: act.reason }, engine, cause, this.policy);
    const saved = nextVersion(moved.incident);
    await this.store.save(saved, moved.events);
    if (wasHeld && previous && incident.decision) {
      // The agency did not return it, but it was the wrong address all the same.
      const routedAt = incident.routedAt ?? incident.createdAt;
      const minutes = lostMinutes(routedAt, act.at);
      await this.misroutes.record({
        id: misrouteId(incident.id, act.at),
        incidentId: incident.id,
        number: incident.number,
        topicCode: incident.topicCode,
        territoryCode: territoryOf(incident),
        kind: 'reassign',
        agencyId: previous,
        method: incident.decision.method,
        ...(incident.decision.ruleId !== undefined && { ruleId: incident.decision.ruleId }),
        reason: act.reason,
        routedAt,
        endedAt: act.at,
        lostMinutes: minutes,
        charges: attributeLoss(minutes, incident.decision, previous, this.policy),
        unjustified: false,
      });
    }
    for (const u of moved.unjustified) await this.misroutes.markUnjustified(u.id, u.charges);
    return { applied: true, incidents: [saved], events: moved.events };
  }

  private async merge(incident: Incident, act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    if (!act.targetIncidentId || act.targetIncidentId === incident.id) return { applied: false, reason: 'targetIncidentId: another incident is required' };
    const target = await this.store.get(act.targetIncidentId);
    if (!target || TERMINAL_STATES.includes(target.state)) return { applied: false, reason: `targetIncidentId: ${act.targetIncidentId} is unknown or finished` };
    if (!canTransition(incident.state, 'merged')) return { applied: false, reason: `cannot merge in state ${incident.state}` };
    // Posts move first: if the second write fails, a retry finds them there and only finishes.
    const missing = incident.postIds.filter((p) => !target.postIds.includes(p));
    const grown = nextVersion({
      ...target,
      postIds: [...target.postIds, ...missing],
      history: [...target.history, { at: act.at, type: 'merged_in', actor: act.actor, reason: `${incident.number}: ${act.reason}`, postIds: missing }],
    });
    if (missing.length > 0) await this.store.save(grown, []);
    const { incident: merged, change } = transition(incident, 'merged', { actor: act.actor, at: act.at, reason: act.reason, mergedInto: target.id });
    const saved = nextVersion(merged);
    // The merge is announced with the state change, in the one write that ends the merged incident.
    const events = [...stateEvents(saved, [change], cause), mergedEvent(saved, grown, act, cause)];
    await this.store.save(saved, events);
    return { applied: true, incidents: [saved, grown], events };
  }

  private async split(incident: Incident, act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    const posts = act.postIds ?? [];
    if (posts.length === 0) return { applied: false, reason: 'postIds: at least one post is required' };
    const foreign = posts.filter((p) => !incident.postIds.includes(p));
    if (foreign.length > 0) return { applied: false, reason: `postIds: ${foreign.join(', ')} not in incident ${incident.number}` };
    if (posts.length === incident.postIds.length) return { applied: false, reason: 'postIds: an incident cannot give away all its posts' };
    if (TERMINAL_STATES.includes(incident.state)) return { applied: false, reason: `cannot split in state ${incident.state}` };
    // A redelivered split that crashed half-way finds its new incident by the first post.
    const found = await this.store.findByPost(posts[0]);
    const earlier = found && found.id !== incident.id ? found : undefined;
    const created = earlier
      ? { incident: earlier, events: [] }
      : await this.factory.create(
          {
            postIds: posts,
            topicCode: incident.topicCode,
            topicConfidence: 1,
            urgency: incident.urgency,
            regime: incident.regime,
            place: incident.place,
            regionHint: incident.regionCode,
            text: '',
            at: act.at,
            actor: act.actor,
            reason: `выделено из ${incident.number}: ${act.reason}`,
          },
          this.engine(),
          cause,
        );
    // The new incident is written before the posts leave the old one: a crash in between leaves
    // the posts in both, never in none; the post lookup then finds the newer incident.
    if (!earlier) await this.store.insert(created.incident, created.events);
    const shrunk = nextVersion({
      ...incident,
      postIds: incident.postIds.filter((p) => !posts.includes(p)),
      history: [...incident.history, { at: act.at, type: 'post_unlinked', actor: act.actor, postIds: posts, reason: `в ${created.incident.number}: ${act.reason}` }],
    });
    const split = splitEvent(shrunk, created.incident, { ...act, postIds: posts }, cause);
    await this.store.save(shrunk, [split]);
    return { applied: true, incidents: [shrunk, created.incident], events: [...created.events, split] };
  }

  private async clarification(incident: Incident, step: ClarificationStep, act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    if (act.actorAgencyId !== undefined && act.actorAgencyId !== incident.agencyId) {
      return { applied: false, reason: `agency ${act.actorAgencyId} does not hold incident ${incident.number}` };
    }
    const refusal = clarificationRefusal(incident, step);
    if (refusal) return { applied: false, reason: refusal };
    const { incident: changed, change } = clarify(incident, step, { actor: act.actor, at: act.at, reason: act.reason });
    const saved = nextVersion(changed);
    const events = stateEvents(saved, [change], cause);
    await this.store.save(saved, events);
    return { applied: true, incidents: [saved], events };
  }

  private async dismiss(incident: Incident, act: OperatorAct, cause: EventCause): Promise<OperatorResult> {
    if (!canTransition(incident.state, 'dismissed')) return { applied: false, reason: `cannot dismiss in state ${incident.state}` };
    const { incident: dismissed, change } = transition(incident, 'dismissed', { actor: act.actor, at: act.at, reason: act.reason });
    const saved = nextVersion(dismissed);
    const events = stateEvents(saved, [change], cause);
    await this.store.save(saved, events);
    return { applied: true, incidents: [saved], events };
  }
}
