import { decodeEvent, PayloadOf, TOPICS } from '@otklik/contracts';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';
import { OutgoingEvent } from './incident.model';

const T0 = new Date('2026-01-20T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const act = { reason: 'одна и та же проблема', actor: 'operator:o1' };

function only<T extends typeof TOPICS.incidentPostAttached | typeof TOPICS.incidentMerged | typeof TOPICS.incidentSplit>(events: OutgoingEvent[], topic: T): { key: string; payload: PayloadOf<T> } {
  const found = events.filter((e) => e.topic === topic);
  expect(found).toHaveLength(1);
  const [event] = found;
  // Every event the router writes must pass the contract its consumers validate against.
  expect(() => decodeEvent(topic, JSON.stringify(event.envelope))).not.toThrow();
  return { key: event.key, payload: event.envelope.payload as PayloadOf<T> };
}

describe('posts joining, merged into and split out of incidents are announced', () => {
  it("announces a post grouped into an open incident, in the incident's outbox, with every post it now holds", async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 'g1', at: T0 }), CAUSE);
    const joined = await w.intake.intake(post({ postId: 'g2', at: later(30) }), CAUSE);
    expect(joined.outcome).toBe('linked');
    const attached = only(joined.events, TOPICS.incidentPostAttached);
    expect(attached.key).toBe(first.incident.id);
    expect(attached.payload).toMatchObject({
      incidentId: first.incident.id,
      number: first.incident.number,
      postId: 'g2',
      postIds: ['g1', 'g2'],
      reason: 'та же проблема в том же месте',
      attachedAt: later(30).toISOString(),
    });
    expect(w.store.outbox.get(first.incident.id)?.map((e) => e.envelope.id)).toContain(joined.events[0]?.envelope.id);
  });

  it('names the original of a near-duplicate that joined', async () => {
    const w = world();
    await w.intake.intake(post({ postId: 'd1', at: T0 }), CAUSE);
    const dup = await w.intake.intake(post({ postId: 'd2', duplicateOf: 'd1', place: undefined, at: later(1) }), CAUSE);
    expect(only(dup.events, TOPICS.incidentPostAttached).payload).toMatchObject({ postId: 'd2', duplicateOf: 'd1', reason: 'почти дубликат d1' });
  });

  it("announces a redelivered post's joining once", async () => {
    const w = world();
    await w.intake.intake(post({ postId: 'r1', at: T0 }), CAUSE);
    await w.intake.intake(post({ postId: 'r2', at: later(1) }), CAUSE);
    const again = await w.intake.intake(post({ postId: 'r2', at: later(1) }), CAUSE);
    expect(again).toMatchObject({ outcome: 'known', events: [] });
  });

  it('announces a merge with the moved posts and every post of the incident merged into, keyed by the merged incident', async () => {
    const w = world();
    const a = await w.intake.intake(post({ postId: 'a1', at: T0 }), CAUSE);
    const b = await w.intake.intake(post({ postId: 'b1', at: T0, place: { territoryCode: '40:nevsky', address: 'ул. Седова, 1' } }), CAUSE);
    const result = await w.operators.apply({ ...act, incidentId: b.incident.id, action: 'merge', targetIncidentId: a.incident.id, at: later(5) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged, TOPICS.incidentMerged]);
    const merged = only(result.events, TOPICS.incidentMerged);
    expect(merged.key).toBe(b.incident.id);
    expect(merged.payload).toEqual({
      incidentId: b.incident.id,
      number: b.incident.number,
      intoIncidentId: a.incident.id,
      intoNumber: a.incident.number,
      movedPostIds: ['b1'],
      postIds: ['a1', 'b1'],
      actor: 'operator:o1',
      reason: act.reason,
      mergedAt: later(5).toISOString(),
    });
    expect(w.store.outbox.get(b.incident.id)?.map((e) => e.topic)).toContain(TOPICS.incidentMerged);
    expect(await w.operators.apply({ ...act, incidentId: b.incident.id, action: 'merge', targetIncidentId: a.incident.id, at: later(6) }, CAUSE)).toMatchObject({ applied: false });
  });

  it("announces a split with the posts taken out and the posts kept, after the new incident's own routing", async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 's1', at: T0 }), CAUSE);
    await w.intake.intake(post({ postId: 's2', duplicateOf: 's1', at: later(1) }), CAUSE);
    await w.intake.intake(post({ postId: 's3', duplicateOf: 's1', at: later(2) }), CAUSE);
    const result = await w.operators.apply({ ...act, reason: 'другой двор', incidentId: first.incident.id, action: 'split', postIds: ['s2'], at: later(10) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    const created = result.incidents[1];
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged, TOPICS.incidentRouted, TOPICS.incidentSplit]);
    const split = only(result.events, TOPICS.incidentSplit);
    expect(split.key).toBe(first.incident.id);
    expect(split.payload).toMatchObject({
      incidentId: first.incident.id,
      postIds: ['s1', 's3'],
      splitPostIds: ['s2'],
      newIncidentId: created?.id,
      newNumber: created?.number,
      actor: 'operator:o1',
      reason: 'другой двор',
      splitAt: later(10).toISOString(),
    });
    expect(w.store.outbox.get(first.incident.id)?.map((e) => e.topic)).toContain(TOPICS.incidentSplit);
  });
});
