import { ProductionCalendar } from '../calendar/production-calendar';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { civilServiceWeek } from '../working-time/working-hours';
import { arm, transition } from './clock.machine';
import { ClockEnv, ClockEvent, ClockInput, ClockState } from './clock.types';

const clocks = new AgencyClocks(new ProductionCalendar(), new Map([['kld-roads', civilServiceWeek('Europe/Kaliningrad')]]));
const env: ClockEnv = { policies: new PolicySet(DEFAULT_POLICIES), clockFor: (a, r, rtc) => clocks.clockFor(a, r, rtc) };
const msk = (local: string) => Date.parse(`${local}+03:00`);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const routed = (at: number, extra: Partial<Extract<ClockInput, { kind: 'routed' }>> = {}) =>
  ({ kind: 'routed', at, agencyId: 'spb-roads', topicCode: 'roads', urgency: 'normal', regime: 'social_post', regionCode: '40', ...extra }) as const;
const summary = (events: ClockEvent[]) => events.map((e) => `${e.kind}${'percent' in e ? e.percent : ''}${'level' in e ? `/${e.level}.${e.repeat}` : ''}@${iso(e.at)}`);

function run(inputs: ClockInput[], start = msk('2025-03-03T10:00')): { state: ClockState; events: ClockEvent[] } {
  const armed = arm('inc-1', routed(start), env);
  let state = armed.state;
  const events = [...armed.events];
  for (const input of inputs) {
    const t = transition(state, input, env);
    state = t.state;
    events.push(...t.events);
  }
  return { state, events };
}

describe('clock arming and warnings', () => {
  it('arms a 4-working-hour clock that skips lunch and schedules the 50 % warning', () => {
    const { state, events } = run([]);
    expect(events.map((e) => e.kind)).toEqual(['armed']);
    expect(events[0]).toMatchObject({ workingMinutes: 240, roundTheClock: false, calendarKnown: true });
    expect(iso(state.dueAt)).toBe(iso(msk('2025-03-03T14:48')));
    expect(iso(state.nextAt)).toBe(iso(msk('2025-03-03T12:00')));
  });

  it('fires warnings at 50/75/90 % of working time, then the breach', () => {
    const { events, state } = run([{ kind: 'tick', at: msk('2025-03-03T14:48') }]);
    expect(summary(events).slice(1)).toEqual([
      `warning50@${iso(msk('2025-03-03T12:00'))}`,
      `warning75@${iso(msk('2025-03-03T13:00'))}`,
      `warning90@${iso(msk('2025-03-03T14:24'))}`,
      `breached@${iso(msk('2025-03-03T14:48'))}`,
      `escalated/1.1@${iso(msk('2025-03-03T14:48'))}`,
    ]);
    expect(state.status).toBe('breached');
  });

  it('catches up after downtime in order, escalating up the chain in working time, and never fires twice', () => {
    const late = msk('2025-03-04T12:00');
    const { events, state } = run([
      { kind: 'tick', at: late },
      { kind: 'tick', at: late },
    ]);
    expect(summary(events).slice(4)).toEqual([
      `breached@${iso(msk('2025-03-03T14:48'))}`,
      `escalated/1.1@${iso(msk('2025-03-03T14:48'))}`,
      `escalated/1.2@${iso(msk('2025-03-03T16:48'))}`,
      `escalated/2.1@${iso(msk('2025-03-04T11:48'))}`,
    ]);
    expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
    expect(iso(state.nextAt)).toBe(iso(msk('2025-03-04T16:36')));
  });

  it('says when the deadline was computed without a published calendar', () => {
    const armed = arm('inc-2', routed(msk('2027-01-11T10:00')), env);
    expect(armed.events[0]).toMatchObject({ kind: 'armed', calendarKnown: false });
  });

  it('runs an emergency clock round the clock over a holiday night', () => {
    const armed = arm('inc-3', routed(msk('2025-03-08T23:30'), { urgency: 'emergency' }), env);
    expect(armed.state.policy).toBe('social-post-emergency@1');
    expect(iso(armed.state.dueAt)).toBe(iso(msk('2025-03-09T00:30')));
    expect(armed.events[0]).toMatchObject({ roundTheClock: true, workingMinutes: 60 });
  });
});

describe('answers', () => {
  const answer = (at: number, answerKind: 'interim' | 'final', promisedBy?: string, answerId = 'ans-1') => ({ kind: 'answered', at, answerId, answerKind, promisedBy }) as const;

  it('an interim answer with a date meets the first clock and arms the final one for that date', () => {
    const { state, events } = run([answer(msk('2025-03-03T11:00'), 'interim', '2025-03-14')]);
    expect(events.slice(1)).toMatchObject([
      { kind: 'met', onTime: true, minutesTaken: 60, facts: { phase: 'first_answer' } },
      { kind: 'armed', facts: { phase: 'final_answer' } },
    ]);
    expect(state.phase).toBe('final_answer');
    expect(iso(state.dueAt)).toBe(iso(msk('2025-03-14T16:45')));
  });

  it('caps a promise beyond the policy limit and uses the default term without a date', () => {
    const far = run([answer(msk('2025-03-03T11:00'), 'interim', '2025-12-01')]).state;
    expect(iso(far.dueAt)).toBe(iso(msk('2025-04-14T18:00')));
    const none = run([answer(msk('2025-03-03T11:00'), 'interim')]).state;
    expect(iso(none.dueAt)).toBe(iso(msk('2025-03-17T18:00')));
  });

  it('a final answer after the deadline meets the clock late and stops escalations', () => {
    const { state, events } = run([{ kind: 'tick', at: msk('2025-03-03T15:00') }, answer(msk('2025-03-03T16:00'), 'final')]);
    expect(events[events.length - 1]).toMatchObject({ kind: 'met', onTime: false, minutesTaken: 312 });
    expect(state.status).toBe('met');
    expect(state.nextAt).toBeNull();
  });

  it('a formal non-answer reopens the clock with the reopen term; a weak flag or another answer does not', () => {
    const base = [answer(msk('2025-03-03T11:00'), 'final')];
    const weak = run([...base, { kind: 'answer-flagged', at: msk('2025-03-03T12:00'), answerId: 'ans-1', scorePercent: 20, reasons: [] }]);
    expect(weak.state.status).toBe('met');
    const other = run([...base, { kind: 'answer-flagged', at: msk('2025-03-03T12:00'), answerId: 'x', scorePercent: 90, reasons: [] }]);
    expect(other.state.status).toBe('met');
    const { state, events } = run([...base, { kind: 'answer-flagged', at: msk('2025-03-03T12:00'), answerId: 'ans-1', scorePercent: 90, reasons: ['no-date'] }]);
    expect(events[events.length - 1]).toMatchObject({ kind: 'reopened', answerId: 'ans-1', reason: 'formal non-answer: no-date' });
    expect(state.status).toBe('running');
    expect(iso(state.dueAt)).toBe(iso(msk('2025-03-03T16:48')));
    expect(state.outcomes.first_answer).toBeUndefined();
  });

  it("a citizen's dispute reopens the met clock with the reopen term; a later one, or one on a running clock, does nothing", () => {
    const disputed = (at: number) => ({ kind: 'state-changed', at, to: 'acknowledged', reasonCode: 'citizen_disputed' }) as const;
    const base = [answer(msk('2025-03-03T11:00'), 'final')];
    const { state, events } = run([...base, disputed(msk('2025-03-03T12:00'))]);
    expect(events[events.length - 1]).toMatchObject({ kind: 'reopened', answerId: 'ans-1', reason: 'citizen dispute' });
    expect(state.status).toBe('running');
    expect(iso(state.dueAt)).toBe(iso(msk('2025-03-03T16:48')));
    const again = run([...base, disputed(msk('2025-03-03T12:00')), disputed(msk('2025-03-03T12:30'))]);
    expect(again.events.filter((e) => e.kind === 'reopened')).toHaveLength(1);
    const running = run([disputed(msk('2025-03-03T10:30'))]);
    expect(running.events.filter((e) => e.kind === 'reopened')).toHaveLength(0);
  });
});

describe('pause, reroute, close', () => {
  const asked = (at: number) => ({ kind: 'state-changed', at, to: 'acknowledged', reasonCode: 'awaiting_clarification' }) as const;
  const received = (at: number) => ({ kind: 'state-changed', at, to: 'acknowledged', reasonCode: 'clarification_received' }) as const;

  it('waiting for the citizen pauses the count; resuming moves the deadline by the pause', () => {
    const { state } = run([asked(msk('2025-03-03T11:00')), { kind: 'tick', at: msk('2025-03-03T15:00') }, received(msk('2025-03-04T10:00'))]);
    expect(state.status).toBe('running');
    expect(iso(state.dueAt)).toBe(iso(msk('2025-03-04T13:00')));
  });

  it('announces the pause with its reason and the time used, and the resume with the moved deadline', () => {
    const { events } = run([asked(msk('2025-03-03T11:00')), { kind: 'tick', at: msk('2025-03-03T15:00') }, received(msk('2025-03-04T10:00'))]);
    expect(events.slice(1)).toEqual([
      expect.objectContaining({ kind: 'paused', at: msk('2025-03-03T11:00'), reason: 'awaiting_clarification', usedMinutes: 60 }),
      expect.objectContaining({ kind: 'resumed', at: msk('2025-03-04T10:00'), facts: expect.objectContaining({ dueAt: msk('2025-03-04T13:00') }) }),
    ]);
  });

  it('gives each pause and resume of one run its own key, and the same key when the same input is applied again', () => {
    const inputs = [asked(msk('2025-03-03T11:00')), received(msk('2025-03-03T12:00')), asked(msk('2025-03-03T13:00')), received(msk('2025-03-03T14:00'))];
    const { events } = run(inputs);
    const keys = events.filter((e) => e.kind === 'paused' || e.kind === 'resumed').map((e) => e.key);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(4);
    expect(run(inputs).events.map((e) => e.key)).toEqual(events.map((e) => e.key));
  });

  it('announces nothing for a change that neither starts nor ends a wait', () => {
    const { events } = run([received(msk('2025-03-03T11:00')), asked(msk('2025-03-03T12:00')), asked(msk('2025-03-03T12:30'))]);
    expect(events.map((e) => e.kind)).toEqual(['armed', 'paused']);
  });

  it('a return pauses the clock and names the state as the reason', () => {
    const { state, events } = run([{ kind: 'returned', at: msk('2025-03-03T12:00') }]);
    expect(state).toMatchObject({ status: 'paused', returns: 1 });
    expect(events[events.length - 1]).toMatchObject({ kind: 'paused', reason: 'returned', usedMinutes: 120 });
  });

  it('a breached clock paused and resumed stays breached with its deadline', () => {
    const { state, events } = run([
      { kind: 'tick', at: msk('2025-03-03T15:00') },
      { kind: 'state-changed', at: msk('2025-03-03T15:30'), to: 'triage' },
      { kind: 'state-changed', at: msk('2025-03-04T10:00'), to: 'routed' },
    ]);
    expect(state.status).toBe('breached');
    expect(events.filter((e) => e.kind === 'paused' || e.kind === 'resumed')).toMatchObject([
      { kind: 'paused', reason: 'triage' },
      { kind: 'resumed', facts: { dueAt: msk('2025-03-03T14:48') } },
    ]);
  });

  it('a reroute restarts the clock in the new agency’s zone (social posts)', () => {
    const { state, events } = run([{ kind: 'rerouted', at: msk('2025-03-03T12:00'), agencyId: 'kld-roads' }]);
    expect(events[events.length - 1]).toMatchObject({ kind: 'armed', facts: { agencyId: 'kld-roads' }, workingMinutes: 240 });
    expect(iso(state.dueAt)).toBe(iso(Date.parse('2025-03-03T15:48:00+02:00')));
    expect(state.reroutes).toBe(1);
  });

  it('an emergency reroute continues the count that already ran', () => {
    const start = msk('2025-03-03T10:00');
    let t = arm('inc-4', routed(start, { urgency: 'emergency' }), env);
    t = transition(t.state, { kind: 'rerouted', at: start + 20 * 60_000, agencyId: 'kld-roads' }, env);
    expect(iso(t.state.dueAt)).toBe(iso(start + 60 * 60_000));
  });

  it('closing the incident stops the clock', () => {
    const { state } = run([{ kind: 'state-changed', at: msk('2025-03-03T11:00'), to: 'dismissed' }]);
    expect(state).toMatchObject({ status: 'closed', nextAt: null });
  });
});
