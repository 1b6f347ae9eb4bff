import { DEFAULT_POLICIES } from './policies.data';
import { PolicyError, PolicySet } from './policy-set';
import { policyRef, SlaPolicy } from './policy.types';

const base = DEFAULT_POLICIES[0];
const at = Date.parse('2025-03-03T10:00:00Z');
const query = { regime: 'social_post' as const, topicCode: 'roads', urgency: 'normal' as const, agencyId: 'a1', regionCode: '40', at };

describe('PolicySet', () => {
  it('loads the shipped policies', () => {
    expect(() => new PolicySet(DEFAULT_POLICIES)).not.toThrow();
  });

  it('picks the emergency policy for an emergency and the general one otherwise', () => {
    const set = new PolicySet(DEFAULT_POLICIES);
    expect(policyRef(set.resolve({ ...query, urgency: 'emergency' }))).toBe('social-post-emergency@1');
    expect(policyRef(set.resolve(query))).toBe('social-post@1');
    expect(policyRef(set.resolve({ ...query, regime: 'appeal_59fz' }))).toBe('appeal-59fz@1');
  });

  it('prefers an agency rule over a topic rule over the default', () => {
    const set = new PolicySet([
      base,
      { ...base, id: 'roads', match: { topicCodes: ['roads'] }, firstAnswer: { amount: 8, unit: 'hours' } },
      { ...base, id: 'a1', match: { agencyIds: ['a1'] }, firstAnswer: { amount: 9, unit: 'hours' } },
    ]);
    expect(set.resolve(query).id).toBe('a1');
    expect(set.resolve({ ...query, agencyId: 'a2' }).id).toBe('roads');
    expect(set.resolve({ ...query, agencyId: 'a2', topicCode: 'parks' }).id).toBe('social-post');
  });

  it('uses a new version only from its validFrom day, and keeps old versions reachable by reference', () => {
    const v2: SlaPolicy = { ...base, version: 2, validFrom: '2025-04-01', firstAnswer: { amount: 8, unit: 'hours' } };
    const set = new PolicySet([base, v2]);
    expect(set.resolve(query).version).toBe(1);
    expect(set.resolve({ ...query, at: Date.parse('2025-04-01T00:00:00Z') }).version).toBe(2);
    expect(set.get('social-post@1').firstAnswer.amount).toBe(4);
  });

  it.each([
    [{ ...base, warnings: [50, 120] }, /policies\[0\]\.warnings\[1\]/],
    [{ ...base, firstAnswer: { amount: 0, unit: 'hours' as const } }, /policies\[0\]\.firstAnswer\.amount/],
    [{ ...base, reroute: { effect: 'extend' as const } }, /policies\[0\]\.reroute\.extendBy/],
    [{ ...base, escalation: [{ ...base.escalation[0], repeats: 0 }] }, /escalation\[0\]\.repeats/],
    [{ ...base, match: { topics: ['roads'] } as never }, /policies\[0\]\.match\.topics: renamed topicCodes/],
    [{ ...base, match: { agency: ['a1'] } as never }, /policies\[0\]\.match\.agency: unknown key/],
  ])('rejects a bad policy naming the field (%#)', (policy, message) => {
    expect(() => new PolicySet([policy])).toThrow(message);
  });

  it('rejects duplicate versions and says when nothing matches', () => {
    expect(() => new PolicySet([base, base])).toThrow(/duplicate version social-post@1/);
    expect(() => new PolicySet([base]).resolve({ ...query, regime: 'pos_message' })).toThrow(PolicyError);
  });
});
