import { ClockRef, IncidentFacts, IncidentState, TOPICS } from '@otklik/contracts';
import { AnswerView, ClockView, IncidentCore } from './incident.view';
import { applyGrouping, settlePosts } from './post-grouping';
import { isoUtc, TimelineEntry } from './timeline-entry';

/** States after which nothing is expected of the agency. */
export const FINISHED_STATES: ReadonlySet<IncidentState> = new Set<IncidentState>(['answered', 'closed', 'dismissed', 'merged']);

function emptyIncident(incidentId: string): IncidentCore {
  return {
    incidentId,
    state: 'new',
    postIds: [],
    coExecutorIds: [],
    rerouteCount: 0,
    returnCount: 0,
    clocks: [],
    answers: [],
    createdAt: '',
    updatedAt: '',
  };
}

function withFacts(incident: IncidentCore, facts: IncidentFacts): IncidentCore {
  // An operator's correction outranks what the router copied from the classifier: a later
  // reroute still carries the classifier's original reading.
  const corrected = Boolean(incident.correctedAt);
  return {
    ...incident,
    number: facts.number,
    regionCode: facts.regionCode,
    postIds: facts.postIds,
    topicCode: corrected && incident.topicCode ? incident.topicCode : facts.topicCode,
    urgency: corrected && incident.urgency ? incident.urgency : facts.urgency,
    place: corrected && incident.place ? incident.place : (facts.place ?? incident.place),
  };
}

/** Changes the current clock of the phase and agency an SLA event names. */
function updateClock(incident: IncidentCore, facts: Pick<ClockRef, 'phase' | 'agencyId'>, change: (clock: ClockView) => ClockView): IncidentCore {
  const index = incident.clocks.findLastIndex((c) => c.phase === facts.phase && c.agencyId === facts.agencyId && c.status !== 'superseded');
  if (index < 0) return incident;
  const clocks = [...incident.clocks];
  clocks[index] = change(clocks[index] as ClockView);
  return { ...incident, clocks };
}

function updateAnswer(incident: IncidentCore, answerId: string, change: (answer: AnswerView) => AnswerView): IncidentCore {
  return { ...incident, answers: incident.answers.map((answer) => (answer.answerId === answerId ? change(answer) : answer)) };
}

/** How far an agency has got with an incident. */
const PROGRESS: Partial<Record<IncidentState, number>> = { acknowledged: 1, interim_answer: 2, answered: 3 };

/**
 * Desk's own events imply a state before the router confirms it. They only move an incident
 * forward (acknowledged → interim answer → answered) and never out of a finished state.
 */
function impliedState(current: IncidentState, next: IncidentState): IncidentState {
  if (FINISHED_STATES.has(current)) return current;
  return (PROGRESS[next] ?? 0) > (PROGRESS[current] ?? 0) ? next : current;
}

function applyRouting(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  switch (entry.topic) {
    case TOPICS.incidentRouted:
    case TOPICS.incidentRerouted: {
      const p = entry.payload;
      const rerouted = entry.topic === TOPICS.incidentRerouted ? entry.payload : undefined;
      return {
        ...withFacts(incident, p),
        state: p.decision.method === 'triage' ? 'triage' : rerouted ? 'rerouted' : 'routed',
        agencyId: p.agencyId,
        coExecutorIds: p.coExecutorIds,
        rerouteCount: rerouted?.rerouteCount ?? incident.rerouteCount,
        routing: { ...p.decision, agencyId: p.agencyId, coExecutorIds: p.coExecutorIds, routedAt: isoUtc(p.routedAt), previousAgencyId: rerouted?.previousAgencyId },
        acknowledgedAt: undefined,
        pendingAction: undefined,
      };
    }
    case TOPICS.incidentReturned:
      return { ...withFacts(incident, entry.payload), state: 'returned', returnCount: incident.returnCount + 1, pendingAction: undefined };
    case TOPICS.incidentStateChanged: {
      const p = entry.payload;
      return {
        ...incident,
        number: p.number,
        state: p.to,
        agencyId: p.agencyId ?? incident.agencyId,
        mergedInto: p.mergedInto ?? incident.mergedInto,
        pendingAction: undefined,
        // The router says on every change made while the citizen is still asked (taking the incident included); any other change ends the wait.
        clarification: p.reasonCode === 'awaiting_clarification' ? (incident.clarification ?? { requestedAt: isoUtc(p.changedAt), ...(p.reason && { reason: p.reason }) }) : undefined,
      };
    }
    case TOPICS.incidentSurge:
      return { ...incident, surgeAt: isoUtc(entry.payload.detectedAt) };
    default:
      return incident;
  }
}

function applyClock(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  switch (entry.topic) {
    case TOPICS.slaArmed: {
      const p = entry.payload;
      const clock: ClockView = {
        phase: p.phase,
        agencyId: p.agencyId,
        policy: p.policy,
        dueAt: isoUtc(p.dueAt),
        startedAt: entry.at,
        workingMinutes: p.workingMinutes,
        roundTheClock: p.roundTheClock,
        calendarKnown: p.calendarKnown,
        status: 'running',
        warnings: [],
        escalations: 0,
      };
      // A clock armed again (after a reroute) supersedes the old one, which stays for the record
      // (its breaches still count against the agency that had it).
      const earlier = incident.clocks.map((c): ClockView => (c.phase === p.phase && c.status !== 'met' ? { ...c, status: 'superseded' } : c));
      return { ...incident, clocks: [...earlier, clock] };
    }
    case TOPICS.slaWarning:
      return updateClock(incident, entry.payload, (c) => ({ ...c, warnings: [...c.warnings, entry.payload.percent] }));
    case TOPICS.slaBreached:
      return updateClock(incident, entry.payload, (c) => ({ ...c, status: 'breached', breachedAt: isoUtc(entry.payload.breachedAt) }));
    case TOPICS.slaMet: {
      const p = entry.payload;
      return updateClock(incident, p, (c) => ({
        ...c,
        status: 'met',
        pause: undefined,
        answeredAt: isoUtc(p.answeredAt),
        onTime: p.onTime,
        workingMinutesTaken: p.workingMinutesTaken,
      }));
    }
    case TOPICS.slaEscalated:
      return updateClock(incident, entry.payload, (c) => ({ ...c, escalations: c.escalations + 1 }));
    case TOPICS.slaReopened: {
      // The answer was judged a formal non-answer: the agency owes one again.
      const reopened = updateClock(incident, entry.payload, (c) => ({
        ...c,
        status: 'running',
        pause: undefined,
        dueAt: isoUtc(entry.payload.dueAt),
        answeredAt: undefined,
        onTime: undefined,
      }));
      return reopened.state === 'answered' ? { ...reopened, state: 'acknowledged' } : reopened;
    }
    case TOPICS.slaPaused: {
      const p = entry.payload;
      return updateClock(incident, p, (c) =>
        c.status === 'running' || c.status === 'breached'
          ? { ...c, status: 'paused', pause: { since: isoUtc(p.pausedAt), reason: p.reason, resumesAs: c.status, usedWorkingMinutes: p.usedWorkingMinutes } }
          : c,
      );
    }
    case TOPICS.slaResumed: {
      // The tracker's deadline is the one that counts now, whether or not desk saw the pause.
      const p = entry.payload;
      return updateClock(incident, p, (c) =>
        c.status === 'met' ? c : { ...c, status: c.status === 'paused' ? (c.pause?.resumesAs ?? 'running') : c.status, pause: undefined, dueAt: isoUtc(p.dueAt) },
      );
    }
    default:
      return incident;
  }
}

function applyDesk(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  switch (entry.topic) {
    case TOPICS.incidentAcknowledged:
      return { ...incident, acknowledgedAt: isoUtc(entry.payload.acknowledgedAt), state: impliedState(incident.state, 'acknowledged') };
    case TOPICS.agencyAnswered: {
      const p = entry.payload;
      const answer: AnswerView = {
        answerId: p.answerId,
        kind: p.kind,
        text: p.text,
        promisedBy: p.promisedBy && isoUtc(p.promisedBy),
        photos: p.photos,
        agencyId: p.agencyId,
        actor: { userId: p.actor.userId, role: p.actor.role },
        answeredAt: isoUtc(p.answeredAt),
        published: [],
      };
      const state = impliedState(incident.state, p.kind === 'final' ? 'answered' : 'interim_answer');
      return { ...incident, answers: [...incident.answers.filter((a) => a.answerId !== p.answerId), answer], state };
    }
    case TOPICS.returnRequested:
    case TOPICS.operatorActionRequested: {
      if (entry.payload.incidentId !== incident.incidentId) return incident;
      const action = entry.topic === TOPICS.returnRequested ? 'return' : entry.payload.action;
      return { ...withClarification(incident, entry), pendingAction: { action, requestedAt: entry.at, eventId: entry.eventId } };
    }
    case TOPICS.classificationCorrected: {
      const p = entry.payload;
      const place = p.territoryCode ? { ...incident.place, territoryCode: p.territoryCode } : incident.place;
      return { ...incident, topicCode: p.topicCode ?? incident.topicCode, urgency: p.urgency ?? incident.urgency, place, correctedAt: entry.at };
    }
    default:
      return incident;
  }
}

/** Desk's own clarification commands show at once, before the router confirms them. */
function withClarification(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  if (entry.topic !== TOPICS.operatorActionRequested) return incident;
  const p = entry.payload;
  if (p.action === 'request_clarification') return { ...incident, clarification: { requestedAt: isoUtc(p.requestedAt), reason: p.reason } };
  if (p.action === 'clarification_received') return { ...incident, clarification: undefined };
  return incident;
}

function applyNotice(incident: IncidentCore, entry: TimelineEntry): IncidentCore {
  switch (entry.topic) {
    case TOPICS.replyPublished: {
      const p = entry.payload;
      const published = { platform: p.platform, postId: p.postId, externalReplyId: p.externalReplyId, publishedAt: isoUtc(p.publishedAt) };
      return updateAnswer(incident, p.answerId, (a) => ({ ...a, published: [...a.published, published] }));
    }
    case TOPICS.answerFlagged: {
      const { scorePercent, reasons, held } = entry.payload;
      return updateAnswer(incident, entry.payload.answerId, (a) => ({ ...a, flagged: { scorePercent, reasons, held } }));
    }
    default:
      return incident;
  }
}

/**
 * The incident folded from its timeline. The timeline is kept in time order, so the fold gives
 * the same result whatever order the events arrived in, and replaying it is always safe.
 */
export function reduceIncident(incidentId: string, timeline: TimelineEntry[]): IncidentCore {
  let incident = emptyIncident(incidentId);
  for (const entry of timeline) {
    incident = applyGrouping(applyNotice(applyDesk(applyClock(applyRouting(incident, entry), entry), entry), entry), entry);
    incident.correlationId ??= entry.correlationId;
    incident.lastEventId = entry.eventId;
    if (!incident.createdAt) incident.createdAt = entry.at;
    incident.updatedAt = entry.at;
  }
  return settlePosts(incident);
}
