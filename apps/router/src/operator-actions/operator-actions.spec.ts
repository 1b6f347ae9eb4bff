import { TOPICS } from '@otklik/contracts';
import { closeAnswered } from '../closing/incident-closer';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';

const T0 = new Date('2026-01-20T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const act = { reason: 'решение оператора', actor: 'operator:o1' };

describe('operator actions', () => {
  it('reassigns to another agency and counts the original decision as a misroute', async () => {
    const w = world();
    const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
    const result = await w.operators.apply({ ...act, incidentId: incident.id, action: 'reassign', agencyId: 'adm-nevsky', at: later(90) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(result.incidents[0]).toMatchObject({ state: 'rerouted', agencyId: 'adm-nevsky', decision: { method: 'operator' } });
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged, TOPICS.incidentRerouted]);
    expect([...w.misroutes.records.values()][0]).toMatchObject({ kind: 'reassign', agencyId: 'zha-nevsky', lostMinutes: 90, charges: [{ party: 'history', minutes: 90 }] });
  });

  it('marks an earlier return unjustified when the operator sends the incident back to that agency', async () => {
    const w = world();
    const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
    await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', reason: 'не наше', at: later(30) }, CAUSE);
    await w.operators.apply({ ...act, incidentId: incident.id, action: 'reassign', agencyId: 'zha-nevsky', at: later(60) }, CAUSE);
    const returned = [...w.misroutes.records.values()].find((m) => m.kind === 'return');
    expect(returned).toMatchObject({ unjustified: true, charges: [{ party: 'agency', id: 'zha-nevsky', minutes: 30 }] });
    expect((await w.store.get(incident.id))?.returns[0].unjustified).toBe(true);
  });

  it('refuses an unknown agency naming the field', async () => {
    const w = world();
    const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
    expect(await w.operators.apply({ ...act, incidentId: incident.id, action: 'reassign', agencyId: 'nope', at: later(1) }, CAUSE)).toEqual({
      applied: false,
      reason: 'agencyId: unknown or inactive agency nope',
    });
  });

  it('merges an incident into another: posts move, the source ends merged', async () => {
    const w = world();
    const a = await w.intake.intake(post({ postId: 'a1', at: T0 }), CAUSE);
    const b = await w.intake.intake(post({ postId: 'b1', at: T0, place: { territoryCode: '40:nevsky', address: 'ул. Седова, 1' } }), CAUSE);
    const result = await w.operators.apply({ ...act, incidentId: b.incident.id, action: 'merge', targetIncidentId: a.incident.id, at: later(5) }, CAUSE);
    expect(result.applied).toBe(true);
    expect((await w.store.get(a.incident.id))?.postIds).toEqual(['a1', 'b1']);
    expect(await w.store.get(b.incident.id)).toMatchObject({ state: 'merged', mergedInto: a.incident.id });
    expect((await w.store.findByPost('b1'))?.id).toBe(a.incident.id);
  });

  it('splits posts out into a new routed incident, once', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 's1', at: T0 }), CAUSE);
    await w.intake.intake(post({ postId: 's2', duplicateOf: 's1', at: later(1) }), CAUSE);
    const split = { ...act, incidentId: first.incident.id, action: 'split' as const, postIds: ['s2'], at: later(10) };
    const result = await w.operators.apply(split, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    const [shrunk, created] = result.incidents;
    expect(shrunk.postIds).toEqual(['s1']);
    expect(created).toMatchObject({ postIds: ['s2'], state: 'routed', number: '78-2026-000002' });
    expect(await w.operators.apply(split, CAUSE)).toEqual({ applied: false, reason: 'postIds: s2 not in incident 78-2026-000001' });
  });

  it('dismisses, and closes answered incidents after the policy period', async () => {
    const w = world();
    const spam = await w.intake.intake(post({ at: T0 }), CAUSE);
    expect(await w.operators.apply({ ...act, incidentId: spam.incident.id, action: 'dismiss', at: later(1) }, CAUSE)).toMatchObject({ applied: true, incidents: [{ state: 'dismissed' }] });
    const { incident } = await w.intake.intake(post({ at: T0, topicCode: 'housing.heating' }), CAUSE);
    await w.feedback.answer({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', kind: 'final', at: later(60) }, CAUSE);
    const policy = { closeAfterDays: 7, batch: 10, everyMs: 60_000 };
    expect(await closeAnswered(w.store, policy, new Date('2026-01-26T10:00:00Z'), CAUSE)).toHaveLength(0);
    const closed = await closeAnswered(w.store, policy, new Date('2026-01-28T12:00:00Z'), CAUSE);
    expect(closed.map((c) => c.incident.state)).toEqual(['closed']);
  });
});
