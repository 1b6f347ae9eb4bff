import { arm, transition } from '../clock/clock.machine';
import { ClockEnv, ClockState } from '../clock/clock.types';
import { Timeline } from './spb-timeline';

export { median } from '../stats/median';

/** How one organisation did under one policy. */
export interface OrganisationScore {
  organisation: string;
  appeals: number;
  /** Appeals whose first answer (interim or final) came; the rest are still open at the end. */
  answered: number;
  firstOnTime: number;
  /** Working minutes to the first answer, one per answered appeal. */
  minutesToFirst: number[];
  /** Interim answers whose promised date was then kept by the final answer. */
  promises: number;
  promisesKept: number;
}

/** Runs one timeline through the clock and returns its final state. */
export function replay(timeline: Timeline, env: ClockEnv): ClockState {
  const [first, ...rest] = timeline.inputs;
  if (first.kind !== 'routed') throw new RangeError(`timeline ${timeline.incidentId} must start with routed`);
  let state = arm(timeline.incidentId, first, env).state;
  for (const input of rest) state = transition(state, input, env).state;
  return state;
}

/** Scores every organisation over the timelines. */
export function scoreOrganisations(timelines: Iterable<Timeline>, env: ClockEnv): Map<string, OrganisationScore> {
  const scores = new Map<string, OrganisationScore>();
  for (const timeline of timelines) {
    const state = replay(timeline, env);
    let score = scores.get(timeline.organisation);
    if (!score) {
      score = { organisation: timeline.organisation, appeals: 0, answered: 0, firstOnTime: 0, minutesToFirst: [], promises: 0, promisesKept: 0 };
      scores.set(timeline.organisation, score);
    }
    score.appeals++;
    const first = state.outcomes.first_answer;
    if (first) {
      score.answered++;
      if (first.onTime) score.firstOnTime++;
      score.minutesToFirst.push(first.minutesTaken);
    }
    const final = state.outcomes.final_answer;
    if (first && state.phase === 'final_answer') {
      score.promises++;
      if (final?.onTime) score.promisesKept++;
    }
  }
  return scores;
}
