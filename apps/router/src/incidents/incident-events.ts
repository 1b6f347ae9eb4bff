import {
  createEvent,
  EventCause,
  IncidentFacts,
  IncidentReroutedV2,
  IncidentReturnedV2,
  IncidentRoutedV2,
  IncidentStateChangedV1,
  PayloadOf,
  RoutedAgency,
  RoutingSuggestion,
  TOPICS,
  TopicName,
} from '@otklik/contracts';
import { Agency } from '../agencies/agency.model';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Decision } from '../routing/routing.model';
import { StateChange } from './incident-lifecycle';
import { Incident, OutgoingEvent, ReturnRecord } from './incident.model';

/** Builds the envelope of an event about an incident (validated; keyed by the incident id). */
export function incidentEvent<T extends TopicName>(topic: T, incidentId: string, payload: PayloadOf<T>, cause: EventCause, at: Date): OutgoingEvent {
  return { topic, key: incidentId, envelope: createEvent(topic, payload, cause, at) };
}

/**
 * The same events with their ids handed out again in list order. Consumers put events of one
 * instant in id order (UUIDv7), so the events of one change must get ascending ids in the order
 * they happened, even when a later one (the move after a return) was built first.
 */
export function inCausalOrder(events: OutgoingEvent[]): OutgoingEvent[] {
  const ids = events.map((e) => e.envelope.id).sort();
  return events.map((e, i) => ({ ...e, envelope: { ...e.envelope, id: ids[i] } }));
}

/** What every incident event says about the incident. */
export function factsOf(incident: Incident): IncidentFacts {
  const place = incident.place;
  const territoryCode = place?.territoryCode ?? incident.territoryPath[0];
  return {
    incidentId: incident.id,
    number: incident.number,
    topicCode: incident.topicCode,
    urgency: incident.urgency,
    ...(territoryCode !== undefined && {
      place: { territoryCode, ...(place?.name && { name: place.name }), ...(place?.address && { address: place.address }), ...(place?.geo && { geo: place.geo }) },
    }),
    regionCode: incident.regionCode,
    postIds: incident.postIds,
  };
}

function routedAgency(agency: Agency | undefined, directory: AgencyDirectory): RoutedAgency | undefined {
  if (!agency) return undefined;
  const escalation = directory.escalationOf(agency);
  return {
    name: agency.name,
    kind: agency.kind,
    timeZone: directory.timeZoneOf(agency) ?? 'Europe/Moscow',
    workingHours: agency.workingHours.days.map((d) => ({ weekdays: d.weekdays, from: d.from, to: d.to, ...(d.breaks && { breaks: d.breaks }) })),
    ...(agency.workingHours.extraDaysOff && { extraDaysOff: agency.workingHours.extraDaysOff }),
    ...(escalation.length > 0 && { escalation }),
  };
}

function contractDecision(d: Decision): IncidentRoutedV2['decision'] {
  return { method: d.method, ...(d.ruleId !== undefined && { ruleId: d.ruleId }), confidence: d.confidence, explanation: d.explanation };
}

function suggestions(incident: Incident): RoutingSuggestion[] {
  return incident.suggestions.map((s) => ({ ...contractDecision(s), agencyId: s.agencyId }));
}

/** incident-routed: the first agency (or the management centre's triage queue). */
export function routedPayload(incident: Incident, directory: AgencyDirectory): IncidentRoutedV2 {
  const { decision, routedAt } = incident;
  if (!decision || !routedAt) throw new Error(`incident ${incident.id} has no routing decision`);
  const agency = routedAgency(directory.get(decision.agencyId), directory);
  return {
    ...factsOf(incident),
    agencyId: decision.agencyId,
    coExecutorIds: incident.coExecutorIds,
    decision: contractDecision(decision),
    routedAt: routedAt.toISOString(),
    ...(agency && { agency }),
    suggestions: suggestions(incident),
    ...(incident.regime && { regime: incident.regime }),
  };
}

/** incident-rerouted: moved on from `previousAgencyId`. */
export function reroutedPayload(incident: Incident, previousAgencyId: string, directory: AgencyDirectory): IncidentReroutedV2 {
  return { ...routedPayload(incident, directory), previousAgencyId, rerouteCount: incident.rerouteCount };
}

/** incident-returned: an agency said "not ours". */
export function returnedPayload(incident: Incident, record: ReturnRecord, nextAgencyId: string | undefined, agencyChargedMinutes?: number): IncidentReturnedV2 {
  return {
    ...factsOf(incident),
    agencyId: record.agencyId,
    reason: record.reason,
    next: nextAgencyId ? 'next_candidate' : 'triage',
    returnedAt: record.returnedAt.toISOString(),
    lostMinutes: record.lostMinutes,
    ...(nextAgencyId && { nextAgencyId }),
    ...(agencyChargedMinutes !== undefined && { agencyChargedMinutes }),
  };
}

/** incident-state-changed for one transition. */
export function stateChangedPayload(incident: Incident, change: StateChange): IncidentStateChangedV1 {
  const agencyId = change.context.agencyId ?? incident.agencyId;
  return {
    incidentId: incident.id,
    number: incident.number,
    from: change.from,
    to: change.to,
    ...(agencyId !== undefined && { agencyId }),
    actor: change.context.actor,
    ...(change.context.reason !== undefined && { reason: change.context.reason }),
    ...(change.context.reasonCode !== undefined && { reasonCode: change.context.reasonCode }),
    ...(change.context.mergedInto !== undefined && { mergedInto: change.context.mergedInto }),
    changedAt: change.context.at.toISOString(),
  };
}

/** state-changed events for a series of transitions, in order. */
export function stateEvents(incident: Incident, changes: readonly StateChange[], cause: EventCause): OutgoingEvent[] {
  return changes.map((change) => incidentEvent(TOPICS.incidentStateChanged, incident.id, stateChangedPayload(incident, change), cause, change.context.at));
}
