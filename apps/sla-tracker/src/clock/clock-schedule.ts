import { SlaPolicy } from '../policies/policy.types';
import { WorkClock } from '../working-time/working-time';
import { ClockEnv, ClockEvent, ClockState, EventFacts } from './clock.types';
import { termEnd } from './terms';

/** The next thing due on a clock. */
export type Step = { kind: 'warning'; at: number; percent: number } | { kind: 'breach'; at: number } | { kind: 'escalation'; at: number; level: number; repeat: number };

/** Safety bound on steps in one catch-up; a policy has a handful of warnings and escalations. */
const MAX_STEPS_PER_TICK = 64;

export function facts(state: ClockState): EventFacts {
  return { incidentId: state.incidentId, agencyId: state.agencyId, topicCode: state.topicCode, policy: state.policy, phase: state.phase, dueAt: state.dueAt };
}

export function eventKey(state: ClockState, detail: string): string {
  return `${state.incidentId}/${state.generation}/${state.phase}/${detail}`;
}

export function workClockOf(state: ClockState, policy: SlaPolicy, env: ClockEnv): WorkClock {
  return env.clockFor(state.agencyId, state.regionCode, policy.roundTheClock);
}

function nextEscalation(state: ClockState, policy: SlaPolicy, clock: WorkClock): Step | null {
  const chain = policy.escalation;
  const last = state.escalation;
  if (!last) {
    return chain.length ? { kind: 'escalation', at: termEnd(clock, state.dueAt, chain[0].after).value, level: 1, repeat: 1 } : null;
  }
  const step = chain[last.level - 1];
  if (last.repeat < step.repeats) {
    return { kind: 'escalation', at: termEnd(clock, last.at, step.repeatEvery).value, level: last.level, repeat: last.repeat + 1 };
  }
  const up = chain[last.level];
  return up ? { kind: 'escalation', at: termEnd(clock, last.at, up.after).value, level: last.level + 1, repeat: 1 } : null;
}

/** What is due next on a clock, or null when nothing will be. */
export function nextStep(state: ClockState, policy: SlaPolicy, clock: WorkClock): Step | null {
  if (state.runningSince === null) return null;
  if (state.status === 'breached') return nextEscalation(state, policy, clock);
  if (state.status !== 'running') return null;
  const pending = [...policy.warnings].sort((a, b) => a - b).find((p) => !state.warned.includes(p));
  if (pending !== undefined) {
    const share = (pending / 100) * state.budgetMinutes - state.usedMinutes;
    const at = share > 0 ? clock.addMinutes(state.runningSince, share).value : state.runningSince;
    if (at < state.dueAt) return { kind: 'warning', at, percent: pending };
  }
  return { kind: 'breach', at: state.dueAt };
}

function apply(state: ClockState, step: Step, policy: SlaPolicy): { state: ClockState; event: ClockEvent } {
  const base = { at: step.at, facts: facts(state) };
  switch (step.kind) {
    case 'warning':
      return {
        state: { ...state, warned: [...state.warned, step.percent] },
        event: { ...base, key: eventKey(state, `warning/${step.percent}`), kind: 'warning', percent: step.percent },
      };
    case 'breach':
      return {
        // Warnings not yet sent are moot once the deadline has passed.
        state: { ...state, status: 'breached', warned: [...policy.warnings] },
        event: { ...base, key: eventKey(state, 'breached'), kind: 'breached' },
      };
    case 'escalation': {
      const role = policy.escalation[step.level - 1].role;
      return {
        state: { ...state, escalation: { level: step.level, repeat: step.repeat, at: step.at } },
        event: { ...base, key: eventKey(state, `escalated/${step.level}/${step.repeat}`), kind: 'escalated', level: step.level, role, repeat: step.repeat },
      };
    }
  }
}

/** Sets `nextAt` from the state. */
export function reschedule(state: ClockState, policy: SlaPolicy, env: ClockEnv): ClockState {
  const step = nextStep(state, policy, workClockOf(state, policy, env));
  return { ...state, nextAt: step ? step.at : null };
}

/**
 * Fires every step due by `now`, oldest first, so a clock that was not looked at for a while
 * (downtime) catches up in order; then schedules the next one.
 */
export function advance(state: ClockState, now: number, env: ClockEnv): { state: ClockState; events: ClockEvent[] } {
  const policy = env.policies.get(state.policy);
  const clock = workClockOf(state, policy, env);
  const events: ClockEvent[] = [];
  let current = state;
  for (let i = 0; i < MAX_STEPS_PER_TICK; i++) {
    const step = nextStep(current, policy, clock);
    if (!step || step.at > now) break;
    const applied = apply(current, step, policy);
    current = applied.state;
    events.push(applied.event);
  }
  return { state: reschedule(current, policy, env), events };
}
