import { EventCause, TOPICS } from '@otklik/contracts';
import { attributeLoss } from '../misroutes/misroute-policy';
import { Misroute } from '../misroutes/misroute.model';
import { RoutingEngine } from '../routing/routing-engine';
import { Decision } from '../routing/routing.model';
import { Changed } from './incident-factory';
import { incidentEvent, reroutedPayload, routedPayload, stateEvents } from './incident-events';
import { transition } from './incident-lifecycle';
import { Incident, territoryOf } from './incident.model';
import { MisroutePolicy } from '../config/policies';

/** Who moves the incident, when and why. */
export interface MoveContext {
  actor: string;
  at: Date;
  reason: string;
}

/** A move, the events it publishes and the misroute records it settles. */
export interface Moved extends Changed {
  /** Earlier returns that proved unjustified: the incident came back to the agency. */
  unjustified: Pick<Misroute, 'id' | 'charges'>[];
}

/** Id of the misroute record of an incident's return or correction at `at` (stable under redelivery). */
export function misrouteId(incidentId: string, at: Date): string {
  return `${incidentId}:${at.toISOString()}`;
}

/** The state a move leads to: `routed` for an incident no agency ever held, else `rerouted`. */
export function moveTarget(incident: Incident): 'routed' | 'rerouted' {
  const everHeld = incident.returns.length > 0 || incident.rerouteCount > 0 || (incident.decision !== undefined && incident.decision.method !== 'triage');
  return everHeld ? 'rerouted' : 'routed';
}

/**
 * Sends an incident to the agency of `decision`. An incident that never had an agency (it sat in
 * triage) is `routed`; one that had is `rerouted`. If the agency had returned it before, that
 * return was unjustified and its lost time moves to the agency.
 */
export function moveTo(incident: Incident, decision: Decision, ctx: MoveContext, engine: RoutingEngine, cause: EventCause, policy: MisroutePolicy): Moved {
  const previousAgencyId = incident.agencyId;
  const to = moveTarget(incident);
  const { incident: moved, change } = transition(incident, to, { actor: ctx.actor, at: ctx.at, reason: ctx.reason, decision });
  const unjustified: Moved['unjustified'] = [];
  const returns = moved.returns.map((r) => {
    if (r.agencyId !== decision.agencyId || r.unjustified) return r;
    unjustified.push({ id: misrouteId(incident.id, r.returnedAt), charges: attributeLoss(r.lostMinutes, r.decision, r.agencyId, policy, true) });
    return { ...r, unjustified: true };
  });
  const next: Incident = { ...moved, returns, rerouteCount: to === 'rerouted' ? incident.rerouteCount + 1 : incident.rerouteCount };
  const events = stateEvents(next, [change], cause);
  events.push(
    to === 'rerouted' && previousAgencyId
      ? incidentEvent(TOPICS.incidentRerouted, next.id, reroutedPayload(next, previousAgencyId, engine.agencies), cause, ctx.at)
      : incidentEvent(TOPICS.incidentRouted, next.id, routedPayload(next, engine.agencies), cause, ctx.at),
  );
  return { incident: next, events, unjustified };
}

/** Puts an incident back in the management centre's triage queue. */
export function toTriage(incident: Incident, ctx: MoveContext, engine: RoutingEngine, cause: EventCause): Moved {
  const previousAgencyId = incident.agencyId;
  const where = territoryOf(incident) ?? engine.agencies.territories.regionByKey(incident.regionCode)?.code;
  const centre = where ? engine.agencies.managementCentreFor(where) : undefined;
  const decision: Decision | undefined = centre
    ? { method: 'triage', agencyId: centre.id, coExecutorIds: [], confidence: 0, explanation: `в очередь разбора ${centre.shortName ?? centre.name}: ${ctx.reason}` }
    : undefined;
  const { incident: moved, change } = transition(incident, 'triage', { actor: ctx.actor, at: ctx.at, reason: ctx.reason, decision });
  // Leaving an agency for the centre's queue is a reroute too (the contract counts from 1).
  const rerouteCount = previousAgencyId ? incident.rerouteCount + 1 : incident.rerouteCount;
  const next: Incident = decision ? { ...moved, rerouteCount } : { ...moved, rerouteCount, agencyId: undefined, coExecutorIds: [] };
  const events = stateEvents(next, [change], cause);
  if (decision && previousAgencyId) events.push(incidentEvent(TOPICS.incidentRerouted, next.id, reroutedPayload(next, previousAgencyId, engine.agencies), cause, ctx.at));
  else if (decision) events.push(incidentEvent(TOPICS.incidentRouted, next.id, routedPayload(next, engine.agencies), cause, ctx.at));
  return { incident: next, events, unjustified: [] };
}
