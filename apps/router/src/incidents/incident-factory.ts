import { DEFAULT_LEGAL_REGIME, EventCause, LegalRegime, TOPICS, Urgency } from '@otklik/contracts';
import { RoutingEngine } from '../routing/routing-engine';
import { RoutingOutcome } from '../routing/routing.model';
import { yearIn } from '../shared/time-zone';
import { regionKeyOf } from '@otklik/reference';
import { Territory } from '../territories/territory.model';
import { incidentEvent, routedPayload, stateEvents } from './incident-events';
import { StateChange, transition } from './incident-lifecycle';
import { CounterStore, formatIncidentNumber, numberSequence } from './incident-number';
import { Incident, IncidentPlace, OutgoingEvent } from './incident.model';

/** What a new incident starts from. */
export interface NewIncident {
  postIds: string[];
  topicCode: string;
  topicConfidence: number;
  urgency: Urgency;
  /** Legal regime; absent means a social-network post. */
  regime?: LegalRegime;
  place?: IncidentPlace;
  /** Region to count the incident in when its place is unknown. */
  regionHint?: string;
  text: string;
  at: Date;
  /** Who caused it: `router` for a classified post, an operator for a split. */
  actor: string;
  reason: string;
}

/** A change and the events it publishes. */
export interface Changed {
  incident: Incident;
  events: OutgoingEvent[];
}

/** Zone used for numbering when an incident's region is unknown. */
const FALLBACK_ZONE = 'Europe/Moscow';

/** Creates incidents: number, first routing decision, history and events. */
export class IncidentFactory {
  constructor(
    private readonly counters: CounterStore,
    private readonly newId: () => string,
    private readonly defaultRegionCode?: string,
  ) {}

  async create(input: NewIncident, engine: RoutingEngine, cause: EventCause): Promise<Changed> {
    const territories = engine.agencies.territories;
    const territory: Territory | undefined = input.place ? territories.resolve({ ...input.place, regionKey: input.regionHint }) : undefined;
    const region = territory ? territories.regionOf(territory.code) : territories.regionByKey(input.regionHint ?? this.defaultRegionCode ?? '');
    const regionCode = region ? regionKeyOf(region.code) : '00';
    const year = yearIn(input.at, region?.timeZone ?? FALLBACK_ZONE);
    const sequence = await this.counters.next(numberSequence(regionCode, year));
    const created: Incident = {
      id: this.newId(),
      number: formatIncidentNumber(region?.subjectCode ?? regionCode, year, sequence),
      regionCode,
      topicCode: input.topicCode,
      urgency: input.urgency,
      regime: input.regime ?? DEFAULT_LEGAL_REGIME,
      ...(input.place && { place: { ...input.place, ...(territory && { territoryCode: territory.code }) } }),
      territoryPath: territory ? [...territories.pathOf(territory.code)] : [],
      postIds: input.postIds,
      state: 'new',
      coExecutorIds: [],
      candidates: [],
      suggestions: [],
      returns: [],
      rerouteCount: 0,
      history: [{ at: input.at, type: 'state', to: 'new', actor: input.actor, reason: input.reason, postIds: input.postIds }],
      createdAt: input.at,
      lastPostAt: input.at,
      version: 1,
    };
    const outcome = engine.decide({
      topicCode: input.topicCode,
      topicConfidence: input.topicConfidence,
      territoryCode: territory?.code,
      regionCode,
      text: input.text,
      urgency: input.urgency,
      at: input.at,
    });
    return applyFirstRouting(created, outcome, engine, cause, input.at);
  }
}

/** Applies the first decision: new → routed, or new → triage (the management centre's queue). */
export function applyFirstRouting(incident: Incident, outcome: RoutingOutcome, engine: RoutingEngine, cause: EventCause, at: Date): Changed {
  const base: Incident = { ...incident, candidates: outcome.candidates, suggestions: outcome.suggestions };
  const to = outcome.kind === 'agency' ? 'routed' : 'triage';
  const reason = outcome.kind === 'agency' ? outcome.decision?.explanation : outcome.triageReason;
  const { incident: next, change } = transition(base, to, { actor: 'router', at, reason, decision: outcome.decision });
  return { incident: next, events: routingEvents(next, [change], engine, cause, at) };
}

/** The state-changed events, then incident-routed when an agency (or the triage queue's owner) holds it. */
export function routingEvents(incident: Incident, changes: StateChange[], engine: RoutingEngine, cause: EventCause, at: Date): OutgoingEvent[] {
  const events = stateEvents(incident, changes, cause);
  if (incident.decision) events.push(incidentEvent(TOPICS.incidentRouted, incident.id, routedPayload(incident, engine.agencies), cause, at));
  return events;
}
