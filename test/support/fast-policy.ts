/**
 * An SLA policy (the sla-tracker's JSON policy format) that gives one taxonomy topic a one-minute,
 * round-the-clock first answer, a warning at half of it and an escalation to the agency head
 * when it passes: clocks that fall due within a test run.
 */
export function oneMinutePolicy(id: string, topicCode: string) {
  const minute = { amount: 1, unit: 'minutes' };
  return {
    id,
    version: 1,
    validFrom: '2020-01-01',
    regime: 'social_post',
    match: { topicCodes: [topicCode] },
    roundTheClock: true,
    firstAnswer: minute,
    interim: { allowed: true, maxPromise: { amount: 5, unit: 'working_days' } },
    finalAnswer: { amount: 3, unit: 'working_days' },
    pauseOnStates: [],
    pauseOnReasons: [],
    reroute: { effect: 'continue' },
    reopen: minute,
    reopenScorePercent: 50,
    warnings: [50],
    escalation: [{ role: 'agency_head', after: { amount: 0, unit: 'minutes' }, repeats: 1, repeatEvery: minute }],
  };
}
