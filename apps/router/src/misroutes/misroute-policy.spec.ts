import { Decision } from '../routing/routing.model';
import { attributeLoss, lostMinutes } from './misroute-policy';

const rule: Decision = { method: 'rule', agencyId: 'a', coExecutorIds: [], ruleId: '12', confidence: 1, explanation: '' };
const history: Decision = { ...rule, method: 'history', ruleId: undefined };
const policy = { agencyGraceMinutes: 240 };

describe('misroute time attribution', () => {
  it('measures lost wall-clock minutes, never negative', () => {
    expect(lostMinutes(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T13:30:00Z'))).toBe(210);
    expect(lostMinutes(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T09:00:00Z'))).toBe(0);
  });

  it('charges a quick return wholly to the rule that chose the agency', () => {
    expect(attributeLoss(90, rule, 'a', policy)).toEqual([{ party: 'rule', id: '12', minutes: 90 }]);
  });

  it('charges time beyond the grace to the agency that held the incident', () => {
    expect(attributeLoss(1000, history, 'a', policy)).toEqual([
      { party: 'history', id: 'history', minutes: 240 },
      { party: 'agency', id: 'a', minutes: 760 },
    ]);
  });

  it('charges everything to the agency when its return proved unjustified', () => {
    expect(attributeLoss(90, rule, 'a', policy, true)).toEqual([{ party: 'agency', id: 'a', minutes: 90 }]);
  });
});
