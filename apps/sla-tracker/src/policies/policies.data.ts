import { EscalationStep, SlaPolicy } from './policy.types';

const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'working_days' as const });
const calendarDays = (amount: number) => ({ amount, unit: 'calendar_days' as const });

/** Agency head first, then the management centre's supervisor, then the deputy governor. */
const CHAIN: EscalationStep[] = [
  { role: 'agency_head', after: hours(0), repeats: 2, repeatEvery: hours(2) },
  { role: 'supervisor', after: hours(4), repeats: 2, repeatEvery: hours(4) },
  { role: 'deputy_governor', after: hours(8), repeats: 3, repeatEvery: hours(8) },
];

const EMERGENCY_CHAIN: EscalationStep[] = [
  { role: 'agency_head', after: hours(0), repeats: 2, repeatEvery: { amount: 15, unit: 'minutes' } },
  { role: 'supervisor', after: { amount: 30, unit: 'minutes' }, repeats: 2, repeatEvery: { amount: 30, unit: 'minutes' } },
  { role: 'deputy_governor', after: hours(1), repeats: 3, repeatEvery: hours(1) },
];

/** Social-media posts under the management centres' rules; fields shared by its variants. */
function socialPost(overrides: Pick<SlaPolicy, 'id' | 'match' | 'roundTheClock' | 'firstAnswer' | 'reroute' | 'escalation'> & Partial<SlaPolicy>): SlaPolicy {
  return {
    version: 1,
    validFrom: '2020-01-01',
    regime: 'social_post',
    interim: { allowed: true, maxPromise: workingDays(30) },
    finalAnswer: workingDays(10),
    pauseOnStates: ['returned', 'triage'],
    pauseOnReasons: ['awaiting_clarification'],
    reopen: hours(4),
    reopenScorePercent: 50,
    warnings: [50, 75, 90],
    ...overrides,
  };
}

/**
 * The policies Otklik ships. A region or agency adds its own by appending a more specific
 * policy (or a new version with a later `validFrom`); nothing here is edited in place.
 */
export const DEFAULT_POLICIES: readonly SlaPolicy[] = [
  socialPost({ id: 'social-post', match: {}, roundTheClock: false, firstAnswer: hours(4), reroute: { effect: 'restart' }, escalation: CHAIN }),
  // Emergencies: one hour round the clock; nothing pauses them.
  socialPost({
    id: 'social-post-emergency',
    match: { urgencies: ['emergency'] },
    roundTheClock: true,
    firstAnswer: hours(1),
    interim: { allowed: true, maxPromise: workingDays(5) },
    finalAnswer: workingDays(3),
    pauseOnStates: [],
    reroute: { effect: 'continue' },
    reopen: hours(1),
    escalation: EMERGENCY_CHAIN,
  }),
  {
    // Platform of feedback (ПОС) messages: 10 working days, an extension up to 20 more.
    id: 'pos-message',
    version: 1,
    validFrom: '2020-01-01',
    regime: 'pos_message',
    match: {},
    roundTheClock: false,
    firstAnswer: workingDays(10),
    interim: { allowed: true, maxPromise: workingDays(30) },
    finalAnswer: workingDays(20),
    pauseOnStates: ['returned', 'triage'],
    pauseOnReasons: ['awaiting_clarification'],
    reroute: { effect: 'continue' },
    reopen: workingDays(5),
    reopenScorePercent: 50,
    warnings: [50, 75, 90],
    escalation: [
      { role: 'agency_head', after: hours(0), repeats: 1, repeatEvery: workingDays(1) },
      { role: 'supervisor', after: workingDays(1), repeats: 2, repeatEvery: workingDays(1) },
      { role: 'deputy_governor', after: workingDays(2), repeats: 2, repeatEvery: workingDays(2) },
    ],
  },
  {
    // 59-ФЗ art. 12: 30 days from registration, extendable once by up to 30 days; a re-route
    // inside the administration keeps the original term.
    id: 'appeal-59fz',
    version: 1,
    validFrom: '2013-01-01',
    regime: 'appeal_59fz',
    match: {},
    roundTheClock: false,
    firstAnswer: calendarDays(30),
    interim: { allowed: true, maxPromise: calendarDays(30) },
    finalAnswer: calendarDays(30),
    pauseOnStates: [],
    pauseOnReasons: [],
    reroute: { effect: 'continue' },
    reopen: calendarDays(30),
    reopenScorePercent: 50,
    warnings: [50, 75, 90],
    escalation: [
      { role: 'agency_head', after: hours(0), repeats: 1, repeatEvery: workingDays(1) },
      { role: 'supervisor', after: workingDays(1), repeats: 1, repeatEvery: workingDays(1) },
      { role: 'deputy_governor', after: workingDays(3), repeats: 1, repeatEvery: workingDays(3) },
    ],
  },
];
