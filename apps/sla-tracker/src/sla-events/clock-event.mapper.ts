import { SlaArmedV2, SlaBreachedV2, SlaEscalatedV2, SlaMetV2, SlaPausedV2, SlaReopenedV2, SlaResumedV2, SlaWarningV2, TOPICS } from '@otklik/contracts';
import { ClockEvent } from '../clock/clock.types';

type SlaTopic =
  | typeof TOPICS.slaArmed
  | typeof TOPICS.slaWarning
  | typeof TOPICS.slaBreached
  | typeof TOPICS.slaMet
  | typeof TOPICS.slaEscalated
  | typeof TOPICS.slaReopened
  | typeof TOPICS.slaPaused
  | typeof TOPICS.slaResumed;

/** A clock event as its topic and contract payload. */
export type Outgoing =
  | { topic: typeof TOPICS.slaArmed; payload: SlaArmedV2 }
  | { topic: typeof TOPICS.slaWarning; payload: SlaWarningV2 }
  | { topic: typeof TOPICS.slaBreached; payload: SlaBreachedV2 }
  | { topic: typeof TOPICS.slaMet; payload: SlaMetV2 }
  | { topic: typeof TOPICS.slaEscalated; payload: SlaEscalatedV2 }
  | { topic: typeof TOPICS.slaReopened; payload: SlaReopenedV2 }
  | { topic: typeof TOPICS.slaPaused; payload: SlaPausedV2 }
  | { topic: typeof TOPICS.slaResumed; payload: SlaResumedV2 };

const iso = (ms: number) => new Date(ms).toISOString();

/** Maps a domain clock event to the topic it goes to and its contract payload. */
export function toOutgoing(event: ClockEvent): Outgoing & { topic: SlaTopic } {
  const facts = { ...event.facts, dueAt: iso(event.facts.dueAt) };
  switch (event.kind) {
    case 'armed':
      return { topic: TOPICS.slaArmed, payload: { ...facts, workingMinutes: event.workingMinutes, roundTheClock: event.roundTheClock, calendarKnown: event.calendarKnown } };
    case 'warning':
      return { topic: TOPICS.slaWarning, payload: { ...facts, percent: event.percent } };
    case 'breached':
      return { topic: TOPICS.slaBreached, payload: { ...facts, breachedAt: iso(event.at) } };
    case 'met':
      return { topic: TOPICS.slaMet, payload: { ...facts, answeredAt: iso(event.at), onTime: event.onTime, workingMinutesTaken: event.minutesTaken, answerId: event.answerId } };
    case 'escalated':
      return { topic: TOPICS.slaEscalated, payload: { ...facts, level: event.level, role: event.role, repeat: event.repeat } };
    case 'reopened':
      return { topic: TOPICS.slaReopened, payload: { ...facts, reason: event.reason, answerId: event.answerId } };
    case 'paused': {
      // A paused clock has no deadline: the one it suspended would read as still running.
      const { incidentId, agencyId, topicCode, policy, phase } = event.facts;
      return {
        topic: TOPICS.slaPaused,
        payload: { incidentId, agencyId, topicCode, policy, phase, pausedAt: iso(event.at), reason: event.reason, usedWorkingMinutes: event.usedMinutes },
      };
    }
    case 'resumed':
      return { topic: TOPICS.slaResumed, payload: { ...facts, resumedAt: iso(event.at) } };
  }
}
