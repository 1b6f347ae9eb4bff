import { TOPICS } from '@otklik/contracts';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';
import { addressKey, samePlace } from '../incidents/incident-place';

describe('incident intake', () => {
  it('links a burst of posts about one problem to its incident, none lost to the others', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 'burst-0' }), CAUSE);
    const save = w.store.save.bind(w.store);
    let lost = 0;
    w.store.save = (incident, outbox) => save(incident, outbox).catch((error: unknown) => ((lost += 1), Promise.reject(error)));
    // Every read sees the incident before any of the burst has saved: without turns, all but one would lose each round.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => w.intake.intake(post({ postId: `burst-${i + 1}` }), CAUSE)));
    expect(results.map((r) => r.outcome)).toEqual(Array(30).fill('linked'));
    const incident = await w.store.get(first.incident.id);
    expect(incident?.postIds).toHaveLength(31);
    expect(incident?.version).toBe(31);
    expect(lost).toBe(0);
  });

  it('creates a numbered incident, routes it and writes the events to its outbox', async () => {
    const w = world();
    const result = await w.intake.intake(post({ postId: 'p1' }), CAUSE);
    expect(result.outcome).toBe('created');
    expect(result.incident).toMatchObject({ number: '78-2026-000001', regionCode: '40', state: 'routed', agencyId: 'zha-nevsky', postIds: ['p1'], territoryPath: ['40:nevsky', '40000000'] });
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged, TOPICS.incidentRouted]);
    const routed = result.events[1].envelope;
    expect(routed).toMatchObject({ type: 'incident.routed', correlationId: 'corr-1', causationId: 'cause-1' });
    expect(routed.payload).toMatchObject({
      incidentId: result.incident.id,
      agencyId: 'zha-nevsky',
      decision: { method: 'history', confidence: 0.8 },
      agency: { name: 'ЖА Невского района', timeZone: 'Europe/Moscow' },
      suggestions: [{ agencyId: 'zha-nevsky' }, { agencyId: 'ckb' }],
    });
    expect(w.store.outbox.get(result.incident.id)).toHaveLength(2);
  });

  it("routes under the post's legal regime; a post joining the incident leaves the first post's; none named means a social post", async () => {
    const w = world();
    const appeal = await w.intake.intake(post({ postId: 'r1', regime: 'appeal_59fz' }), CAUSE);
    const joined = await w.intake.intake(post({ postId: 'r2', duplicateOf: 'r1', regime: 'pos_message' }), CAUSE);
    const social = await w.intake.intake(post({ postId: 'r3', topicCode: 'housing.heating' }), CAUSE);
    expect(appeal.events[1].envelope.payload).toMatchObject({ regime: 'appeal_59fz' });
    expect(joined).toMatchObject({ outcome: 'linked', incident: { id: appeal.incident.id, regime: 'appeal_59fz' } });
    expect(social.events[1].envelope.payload).toMatchObject({ regime: 'social_post' });
  });

  it('carries the regime to an incident split out of another and to its reroutes', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 's1', regime: 'pos_message' }), CAUSE);
    await w.intake.intake(post({ postId: 's2', duplicateOf: 's1' }), CAUSE);
    const split = await w.operators.apply(
      { incidentId: first.incident.id, action: 'split', postIds: ['s2'], reason: 'другая проблема', actor: 'operator:o1', at: new Date('2026-01-20T11:00:00Z') },
      CAUSE,
    );
    const moved = await w.operators.apply(
      { incidentId: first.incident.id, action: 'reassign', agencyId: 'adm-nevsky', reason: 'не тот адресат', actor: 'operator:o1', at: new Date('2026-01-20T11:05:00Z') },
      CAUSE,
    );
    if (!split.applied || !moved.applied) throw new Error('refused');
    expect(split.incidents[1].regime).toBe('pos_message');
    expect(moved.events.find((e) => e.topic === TOPICS.incidentRerouted)?.envelope.payload).toMatchObject({ regime: 'pos_message' });
  });

  it('numbers per region and year', async () => {
    const w = world();
    await w.intake.intake(post({ place: { territoryCode: '40:nevsky' } }), CAUSE);
    const second = await w.intake.intake(post({ place: { territoryCode: '40:tsentralny' }, topicCode: 'housing.heating' }), CAUSE);
    const nextYear = await w.intake.intake(post({ place: { territoryCode: '40:nevsky' }, topicCode: 'roads.surface', at: new Date('2026-12-31T21:30:00Z') }), CAUSE);
    const kaliningrad = await w.intake.intake(post({ place: { territoryCode: '27000000' }, topicCode: 'roads.surface' }), CAUSE);
    expect([second.incident.number, nextYear.incident.number, kaliningrad.incident.number]).toEqual(['78-2026-000002', '78-2027-000001', '39-2026-000001']);
  });

  it('handles a redelivered post once', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 'p1' }), CAUSE);
    const again = await w.intake.intake(post({ postId: 'p1' }), CAUSE);
    expect(again).toMatchObject({ outcome: 'known', events: [] });
    expect(again.incident.id).toBe(first.incident.id);
    expect(w.store.incidents.size).toBe(1);
  });

  it('links a near-duplicate to the incident of its original', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 'p1' }), CAUSE);
    const dup = await w.intake.intake(post({ postId: 'p2', duplicateOf: 'p1', place: undefined }), CAUSE);
    expect(dup.outcome).toBe('linked');
    expect(dup.incident.id).toBe(first.incident.id);
    expect(dup.incident.postIds).toEqual(['p1', 'p2']);
    expect(dup.incident.history.at(-1)).toMatchObject({ type: 'post_linked', postIds: ['p2'] });
  });

  it('groups the same problem at the same address within the window, not outside it', async () => {
    const w = world();
    const first = await w.intake.intake(post({ postId: 'p1' }), CAUSE);
    const same = await w.intake.intake(post({ postId: 'p2', place: { territoryCode: '40:nevsky', address: 'улица Бабушкина, дом 5' }, at: new Date('2026-01-21T09:00:00Z') }), CAUSE);
    expect(same.incident.id).toBe(first.incident.id);
    const later = await w.intake.intake(post({ postId: 'p3', at: new Date('2026-01-25T09:00:00Z') }), CAUSE);
    expect(later.outcome).toBe('created');
    const elsewhere = await w.intake.intake(post({ postId: 'p4', place: { territoryCode: '40:nevsky', address: 'ул. Бабушкина, д. 7' } }), CAUSE);
    expect(elsewhere.outcome).toBe('created');
    const otherTopic = await w.intake.intake(post({ postId: 'p5', topicCode: 'housing.heating' }), CAUSE);
    expect(otherTopic.outcome).toBe('created');
  });

  it('sends an uncertain post to the management centre triage queue', async () => {
    const w = world();
    const result = await w.intake.intake(post({ topicConfidence: 0.2 }), CAUSE);
    expect(result.incident).toMatchObject({ state: 'triage', agencyId: 'mc' });
    expect(result.events[1].envelope.payload).toMatchObject({ decision: { method: 'triage' }, agencyId: 'mc' });
  });

  it('announces a surge once per window when similar incidents pile up on a territory', async () => {
    const w = world();
    const streets = ['Ткачей', 'Дыбенко', 'Коллонтай', 'Народная'];
    const results = [];
    for (const [i, street] of streets.entries()) {
      results.push(await w.intake.intake(post({ place: { territoryCode: '40:nevsky', address: `ул. ${street}, 1` }, at: new Date(Date.UTC(2026, 0, 20, 10, i * 10)) }), CAUSE));
    }
    expect(results.map((r) => r.surges.length)).toEqual([0, 0, 1, 0]);
    expect(results[2].surges[0].envelope.payload).toMatchObject({ territoryCode: '40:nevsky', topicCode: 'landscaping.snow_ice', windowMinutes: 60, threshold: 3, territoryName: 'Невский район' });
    expect((results[2].surges[0].envelope.payload as { incidentIds: string[] }).incidentIds).toHaveLength(3);
  });
});

describe('grouping by place', () => {
  const policy = { windowHours: 48, maxDistanceMeters: 150 };

  it('treats abbreviations and the city name as the same address', () => {
    expect(addressKey('г.Санкт-Петербург, ул. Бабушкина, д. 5')).toBe(addressKey('улица Бабушкина, дом 5'));
  });

  it('treats points within the distance as one place and a bare district as no place', () => {
    expect(samePlace({ geo: { lat: 59.9, lon: 30.3 } }, { geo: { lat: 59.9009, lon: 30.3 } }, policy.maxDistanceMeters)).toBe(true);
    expect(samePlace({ geo: { lat: 59.9, lon: 30.3 } }, { geo: { lat: 59.91, lon: 30.3 } }, policy.maxDistanceMeters)).toBe(false);
    expect(samePlace({ territoryCode: '40:nevsky' }, { territoryCode: '40:nevsky' }, policy.maxDistanceMeters)).toBe(false);
  });
});
