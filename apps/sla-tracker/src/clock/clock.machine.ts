import { ClockPhase } from '@otklik/contracts';
import { SlaPolicy, Term } from '../policies/policy.types';
import { WorkClock } from '../working-time/working-time';
import { advance, eventKey, facts, reschedule, workClockOf } from './clock-schedule';
import { ClockEnv, ClockEvent, ClockInput, ClockState, Transition } from './clock.types';
import { termEnd, termMinutes } from './terms';

type Input<K extends ClockInput['kind']> = Extract<ClockInput, { kind: K }>;

const ENDING_STATES = new Set(['closed', 'dismissed', 'merged']);
const unchanged = (state: ClockState): Transition => ({ state, events: [], changed: false });

/** Starts a phase: a fresh count of `budget` from `at` to `due`. */
function startPhase(state: ClockState, phase: ClockPhase, at: number, due: number, clock: WorkClock, known: boolean): ClockState {
  const budget = clock.minutesBetween(at, due);
  return {
    ...state,
    phase,
    status: 'running',
    pausedFrom: undefined,
    runningSince: at,
    dueAt: due,
    usedMinutes: 0,
    budgetMinutes: budget.value,
    calendarKnown: known && budget.calendarKnown,
    warned: [],
    escalation: null,
    generation: state.generation + 1,
  };
}

function armedEvent(state: ClockState, at: number, clock: WorkClock): ClockEvent {
  return {
    key: eventKey(state, 'armed'),
    at,
    facts: facts(state),
    kind: 'armed',
    workingMinutes: Math.round(state.budgetMinutes),
    roundTheClock: clock.roundTheClock,
    calendarKnown: state.calendarKnown,
  };
}

function routed(input: Input<'routed'>, env: ClockEnv): Transition {
  const policy = env.policies.resolve(input);
  const clock = env.clockFor(input.agencyId, input.regionCode, policy.roundTheClock);
  const due = termEnd(clock, input.at, policy.firstAnswer);
  const blank: ClockState = {
    incidentId: '',
    agencyId: input.agencyId,
    regionCode: input.regionCode,
    topicCode: input.topicCode,
    urgency: input.urgency,
    regime: input.regime,
    policy: `${policy.id}@${policy.version}`,
    phase: 'first_answer',
    status: 'running',
    calendarKnown: true,
    openedAt: input.at,
    budgetMinutes: 0,
    usedMinutes: 0,
    runningSince: input.at,
    dueAt: due.value,
    warned: [],
    escalation: null,
    nextAt: null,
    generation: 0,
    outcomes: {},
    reroutes: 0,
    returns: 0,
  };
  return { state: startPhase(blank, 'first_answer', input.at, due.value, clock, due.calendarKnown), events: [], changed: true };
}

/** Counted minutes so far in this phase, including the current run. */
function used(state: ClockState, clock: WorkClock, at: number): number {
  return state.usedMinutes + (state.runningSince === null ? 0 : clock.minutesBetween(state.runningSince, at).value);
}

/**
 * Stops the count for `reason` (the state or reason code that makes the incident wait). The key
 * names the instant: one clock may pause several times in a run, and each pause is its own fact.
 */
function pause(state: ClockState, at: number, clock: WorkClock, reason: string): Transition {
  if (state.status !== 'running' && state.status !== 'breached') return unchanged(state);
  const paused: ClockState = { ...state, usedMinutes: used(state, clock, at), pausedFrom: state.status, status: 'paused', runningSince: null };
  const event: ClockEvent = {
    key: eventKey(paused, `paused/${at}`),
    at,
    facts: facts(paused),
    kind: 'paused',
    reason,
    usedMinutes: Math.round(paused.usedMinutes),
  };
  return { state: paused, events: [event], changed: true };
}

/** Counts again from `at`; a clock that had not breached gets its deadline moved by the pause. */
function resume(state: ClockState, at: number, clock: WorkClock): Transition {
  if (state.status !== 'paused') return unchanged(state);
  const status = state.pausedFrom ?? 'running';
  const dueAt = status === 'running' ? clock.addMinutes(at, state.budgetMinutes - state.usedMinutes).value : state.dueAt;
  const resumed: ClockState = { ...state, status, pausedFrom: undefined, runningSince: at, dueAt };
  const event: ClockEvent = { key: eventKey(resumed, `resumed/${at}`), at, facts: facts(resumed), kind: 'resumed' };
  return { state: resumed, events: [event], changed: true };
}

function rerouted(state: ClockState, input: Input<'rerouted'>, policy: SlaPolicy, env: ClockEnv): Transition {
  if (input.agencyId === state.agencyId && state.status !== 'paused') return unchanged(state);
  const oldClock = workClockOf(state, policy, env);
  const spent = state.status === 'met' || state.status === 'closed' ? state.usedMinutes : used(state, oldClock, input.at);
  const moved: ClockState = { ...state, agencyId: input.agencyId, reroutes: state.reroutes + 1 };
  if (policy.reroute.effect === 'restart' || state.status === 'met' || state.status === 'closed') {
    const fresh = routed(
      {
        kind: 'routed',
        at: input.at,
        agencyId: input.agencyId,
        topicCode: state.topicCode,
        urgency: state.urgency,
        regime: state.regime,
        regionCode: state.regionCode,
      },
      env,
    ).state;
    const next = {
      ...fresh,
      incidentId: state.incidentId,
      openedAt: state.openedAt,
      generation: state.generation + 1,
      outcomes: state.outcomes,
      reroutes: moved.reroutes,
      returns: state.returns,
      lastAnswer: state.lastAnswer,
    };
    return { state: next, events: [], changed: true };
  }
  const clock = workClockOf(moved, policy, env);
  const extra: Term | undefined = policy.reroute.effect === 'extend' ? policy.reroute.extendBy : undefined;
  const budget = state.budgetMinutes + (extra ? termMinutes(clock, input.at, extra).value : 0);
  const left = Math.max(0, budget - spent);
  const next: ClockState = {
    ...moved,
    status: 'running',
    pausedFrom: undefined,
    budgetMinutes: budget,
    usedMinutes: spent,
    runningSince: input.at,
    dueAt: clock.addMinutes(input.at, left).value,
    escalation: null,
    generation: state.generation + 1,
  };
  return { state: next, events: [], changed: true };
}

function promisedDue(promisedBy: string | undefined, at: number, policy: SlaPolicy, clock: WorkClock): number {
  const cap = termEnd(clock, at, policy.interim.maxPromise).value;
  const fallback = termEnd(clock, at, policy.finalAnswer).value;
  if (!promisedBy) return fallback;
  // A bare date promises the whole of that day: the agency's working day ends it.
  const promised = /^\d{4}-\d{2}-\d{2}$/.test(promisedBy) ? clock.addCalendarDays(Date.parse(`${promisedBy}T00:00:00Z`) - 86_400_000, 1).value : Date.parse(promisedBy);
  if (!Number.isFinite(promised) || promised <= at) return fallback;
  return Math.min(promised, cap);
}

function answered(state: ClockState, input: Input<'answered'>, policy: SlaPolicy, env: ClockEnv): Transition {
  if (state.status === 'met' || state.status === 'closed') return unchanged(state);
  if (input.answerKind === 'interim' && (state.phase !== 'first_answer' || !policy.interim.allowed)) return unchanged(state);
  const clock = workClockOf(state, policy, env);
  const taken = used(state, clock, input.at);
  const onTime = state.status === 'paused' ? taken <= state.budgetMinutes : input.at <= state.dueAt;
  const met: ClockEvent = {
    key: eventKey(state, 'met'),
    at: input.at,
    facts: facts(state),
    kind: 'met',
    onTime,
    minutesTaken: Math.round(taken),
    answerId: input.answerId,
  };
  const outcome = { answeredAt: input.at, onTime, minutesTaken: taken };
  const stopped: ClockState = {
    ...state,
    status: 'met',
    runningSince: null,
    usedMinutes: taken,
    nextAt: null,
    outcomes: { ...state.outcomes, [state.phase]: outcome },
    lastAnswer: { id: input.answerId, kind: input.answerKind, phase: state.phase },
  };
  if (input.answerKind === 'final') return { state: stopped, events: [met], changed: true };
  const due = promisedDue(input.promisedBy, input.at, policy, clock);
  const final = reschedule(startPhase(stopped, 'final_answer', input.at, due, clock, true), policy, env);
  return { state: final, events: [met, armedEvent(final, input.at, clock)], changed: true };
}

/** Runs the phase the last answer met again, for the policy's reopen term from `at`. */
function reopen(state: ClockState, at: number, reason: string, policy: SlaPolicy, env: ClockEnv): Transition {
  const answer = state.lastAnswer;
  if (!answer || state.status === 'closed') return unchanged(state);
  const clock = workClockOf(state, policy, env);
  const due = termEnd(clock, at, policy.reopen);
  const outcomes = { ...state.outcomes };
  delete outcomes[answer.phase];
  const reopened = startPhase({ ...state, outcomes, lastAnswer: undefined }, answer.phase, at, due.value, clock, due.calendarKnown);
  const event: ClockEvent = { key: eventKey(reopened, 'reopened'), at, facts: facts(reopened), kind: 'reopened', reason, answerId: answer.id };
  return { state: reschedule(reopened, policy, env), events: [event], changed: true };
}

function flagged(state: ClockState, input: Input<'answer-flagged'>, policy: SlaPolicy, env: ClockEnv): Transition {
  if (state.lastAnswer?.id !== input.answerId || input.scorePercent < policy.reopenScorePercent) return unchanged(state);
  return reopen(state, input.at, `formal non-answer: ${input.reasons.join(', ') || 'flagged'}`, policy, env);
}

function stateChanged(state: ClockState, input: Input<'state-changed'>, policy: SlaPolicy, env: ClockEnv): Transition {
  if (ENDING_STATES.has(input.to)) {
    if (state.status === 'closed') return unchanged(state);
    return { state: { ...state, status: 'closed', runningSince: null, nextAt: null }, events: [], changed: true };
  }
  // The citizen disputed the answer that met the clock: the agency owes it again, within the reopen term.
  if (input.reasonCode === 'citizen_disputed') return state.status === 'met' ? reopen(state, input.at, 'citizen dispute', policy, env) : unchanged(state);
  const clock = workClockOf(state, policy, env);
  // Any change that gives no reason to wait ends a pause (a clarification received, a reroute out of triage).
  const reason = input.reasonCode !== undefined && policy.pauseOnReasons.includes(input.reasonCode) ? input.reasonCode : policy.pauseOnStates.includes(input.to) ? input.to : undefined;
  return reason === undefined ? resume(state, input.at, clock) : pause(state, input.at, clock, reason);
}

/** Starts the clock of a newly routed incident, firing anything already due (a late event). */
export function arm(incidentId: string, input: Input<'routed'>, env: ClockEnv, now = input.at): Transition {
  const armed = { ...routed(input, env).state, incidentId, generation: 1 };
  const policy = env.policies.get(armed.policy);
  const ready = reschedule(armed, policy, env);
  return withTick({ state: ready, events: [armedEvent(ready, input.at, workClockOf(ready, policy, env))], changed: true }, now, env);
}

/**
 * One step of an incident's clock: the new state and the events it causes. Pure: the same
 * state and input always give the same result, which is what makes redelivery and crash
 * recovery safe (the store applies a transition only to the revision it was computed from).
 */
export function transition(state: ClockState, input: ClockInput, env: ClockEnv): Transition {
  const policy = env.policies.get(state.policy);
  let result: Transition;
  switch (input.kind) {
    case 'tick':
      return withTick(unchanged(state), input.at, env);
    case 'routed':
    case 'rerouted': {
      result = rerouted(state, { kind: 'rerouted', at: input.at, agencyId: input.agencyId }, policy, env);
      if (result.changed) {
        const next = reschedule(result.state, env.policies.get(result.state.policy), env);
        const clock = workClockOf(next, env.policies.get(next.policy), env);
        result = { state: next, events: [armedEvent(next, input.at, clock)], changed: true };
      }
      break;
    }
    case 'returned': {
      const counted = { ...state, returns: state.returns + 1 };
      const paused = policy.pauseOnStates.includes('returned') ? pause(counted, input.at, workClockOf(state, policy, env), 'returned') : unchanged(counted);
      result = { ...paused, changed: true };
      break;
    }
    case 'state-changed':
      result = stateChanged(state, input, policy, env);
      break;
    case 'answered':
      result = answered(state, input, policy, env);
      break;
    case 'answer-flagged':
      result = flagged(state, input, policy, env);
      break;
  }
  if (!result.changed) return result;
  return withTick({ ...result, state: reschedule(result.state, env.policies.get(result.state.policy), env) }, input.at, env);
}

/** Fires whatever is already due at `at` (an input may arrive after a step's time). */
function withTick(result: Transition, at: number, env: ClockEnv): Transition {
  if (result.state.nextAt === null || result.state.nextAt > at) return result;
  const advanced = advance(result.state, at, env);
  return { state: advanced.state, events: [...result.events, ...advanced.events], changed: result.changed || advanced.events.length > 0 };
}
