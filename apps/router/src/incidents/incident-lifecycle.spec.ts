import { INCIDENT_STATES } from '@otklik/contracts';
import { IllegalTransitionError, TRANSITIONS, transition } from './incident-lifecycle';
import { formatIncidentNumber, numberSequence } from './incident-number';
import { Incident } from './incident.model';

const base: Incident = {
  id: 'i1',
  number: '78-2026-000001',
  regionCode: '40',
  topicCode: 'housing.heating',
  urgency: 'normal',
  territoryPath: ['40:nevsky', '40000000'],
  postIds: ['p1'],
  state: 'new',
  coExecutorIds: [],
  candidates: [],
  suggestions: [],
  returns: [],
  rerouteCount: 0,
  history: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  lastPostAt: new Date('2026-01-01T00:00:00Z'),
  version: 1,
};
const at = new Date('2026-01-02T10:00:00Z');

describe('incident state machine', () => {
  it('covers every state of the contract and ends nowhere from terminal states', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...INCIDENT_STATES].sort());
    for (const state of ['closed', 'dismissed', 'merged'] as const) expect(TRANSITIONS[state]).toEqual([]);
  });

  it('walks the main path new → routed → acknowledged → interim answer → answered → closed with full history', () => {
    const decision = { method: 'rule' as const, agencyId: 'zha', coExecutorIds: ['adm'], ruleId: '1', confidence: 1, explanation: 'правило 1' };
    let incident = transition(base, 'routed', { actor: 'router', at, decision }).incident;
    expect(incident).toMatchObject({ state: 'routed', agencyId: 'zha', coExecutorIds: ['adm'], routedAt: at });
    for (const to of ['acknowledged', 'interim_answer', 'interim_answer', 'answered', 'closed'] as const) {
      incident = transition(incident, to, { actor: 'agency:u1', at }).incident;
    }
    expect(incident.state).toBe('closed');
    expect(incident.answeredAt).toEqual(at);
    expect(incident.history.map((h) => `${h.from}→${h.to}`)).toEqual([
      'new→routed',
      'routed→acknowledged',
      'acknowledged→interim_answer',
      'interim_answer→interim_answer',
      'interim_answer→answered',
      'answered→closed',
    ]);
    expect(base.history).toEqual([]);
  });

  it('refuses a transition the machine does not allow', () => {
    expect(() => transition(base, 'answered', { actor: 'x', at })).toThrow(new IllegalTransitionError('i1', 'new', 'answered'));
    const closed = { ...base, state: 'closed' as const };
    expect(() => transition(closed, 'routed', { actor: 'x', at })).toThrow(/cannot go from closed to routed/);
  });

  it('lets a returned incident go only to another agency or to triage', () => {
    expect(TRANSITIONS.returned).toEqual(['rerouted', 'triage']);
  });
});

describe('incident numbers', () => {
  it('formats subject code, year and a six-digit sequence', () => {
    expect(formatIncidentNumber('78', 2026, 123)).toBe('78-2026-000123');
    expect(formatIncidentNumber('46', 2026, 1234567)).toBe('46-2026-1234567');
    expect(numberSequence('40', 2026)).toBe('incident:40:2026');
  });
});
