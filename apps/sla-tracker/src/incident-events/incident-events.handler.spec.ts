import { IncidentRoutedV2, IncidentStateChangedV1 } from '@otklik/contracts';
import { ProductionCalendar } from '../calendar/production-calendar';
import { arm, transition } from '../clock/clock.machine';
import { ClockEnv, ClockInput, ClockState } from '../clock/clock.types';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { routedInput, stateChangedInput } from './incident-events.handler';

const clocks = new AgencyClocks(new ProductionCalendar(), new Map());
const env: ClockEnv = { policies: new PolicySet(DEFAULT_POLICIES), clockFor: (a, r, rtc) => clocks.clockFor(a, r, rtc) };

/** An incident.routed payload as the router publishes it. */
function routed(extra: Partial<IncidentRoutedV2> = {}): IncidentRoutedV2 {
  return {
    incidentId: 'inc-1',
    number: '78-2025-000001',
    topicCode: 'roads.potholes',
    urgency: 'normal',
    regionCode: '40',
    postIds: ['p1'],
    agencyId: 'spb-roads',
    coExecutorIds: [],
    routedAt: '2025-03-03T07:00:00.000Z',
    decision: { method: 'rule', ruleId: 'r1', confidence: 1, explanation: 'rule 1' },
    ...extra,
  };
}

/** A clarification state change as the router publishes it: the state stays, the code says why. */
function clarification(changedAt: string, reasonCode?: IncidentStateChangedV1['reasonCode'], reason?: string): IncidentStateChangedV1 {
  return {
    incidentId: 'inc-1',
    number: '78-2025-000001',
    from: 'acknowledged',
    to: 'acknowledged',
    actor: 'operator:o1',
    changedAt,
    ...(reasonCode && { reasonCode }),
    ...(reason && { reason }),
  };
}

function armed(p: IncidentRoutedV2): ClockState {
  const input = routedInput(p);
  if (input.kind !== 'routed') throw new Error('not a routing');
  return arm(p.incidentId, input, env).state;
}

const step = (state: ClockState, input: ClockInput) => transition(state, input, env).state;

describe('clock inputs from incident events', () => {
  it('arms the policy of the regime the routing names', () => {
    expect(armed(routed({ regime: 'pos_message' })).policy).toBe('pos-message@1');
    expect(armed(routed({ regime: 'appeal_59fz' })).policy).toBe('appeal-59fz@1');
  });

  it('arms a social-post clock for a routing that names no regime (events from before regimes)', () => {
    expect(armed(routed())).toMatchObject({ regime: 'social_post', policy: 'social-post@1' });
  });

  it('pauses on a clarification asked and resumes when it is received, moving the deadline by the pause', () => {
    const start = armed(routed());
    const paused = step(start, stateChangedInput(clarification('2025-03-03T08:00:00.000Z', 'awaiting_clarification', 'Уточните адрес')));
    expect(paused).toMatchObject({ status: 'paused', usedMinutes: 60, nextAt: null });
    const resumed = step(paused, stateChangedInput(clarification('2025-03-04T07:00:00.000Z', 'clarification_received')));
    expect(resumed.status).toBe('running');
    // 4 working hours armed Monday 10:00 Moscow; one hour used, three left from Tuesday 10:00.
    expect(new Date(resumed.dueAt).toISOString()).toBe('2025-03-04T10:00:00.000Z');
  });

  it('announces the pause with the reason code and the resume with the moved deadline', () => {
    const pausing = transition(armed(routed()), stateChangedInput(clarification('2025-03-03T08:00:00.000Z', 'awaiting_clarification', 'Уточните адрес')), env);
    expect(pausing.events).toMatchObject([{ kind: 'paused', reason: 'awaiting_clarification', usedMinutes: 60 }]);
    const resuming = transition(pausing.state, stateChangedInput(clarification('2025-03-04T07:00:00.000Z', 'clarification_received')), env);
    expect(resuming.events).toMatchObject([{ kind: 'resumed', at: Date.parse('2025-03-04T07:00:00.000Z'), facts: { dueAt: Date.parse('2025-03-04T10:00:00.000Z') } }]);
  });

  it('does not pause on free text that happens to read like a code', () => {
    const start = armed(routed());
    expect(step(start, stateChangedInput(clarification('2025-03-03T08:00:00.000Z', undefined, 'awaiting_clarification'))).status).toBe('running');
  });

  it('keeps a 59-ФЗ clock running while the citizen is asked (its policy pauses on nothing)', () => {
    const start = armed(routed({ regime: 'appeal_59fz' }));
    expect(step(start, stateChangedInput(clarification('2025-03-03T08:00:00.000Z', 'awaiting_clarification'))).status).toBe('running');
  });
});
