import { TOPICS, type IncidentReroutedV2 } from '@otklik/contracts';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';
import { ClassificationCorrectionService, type Correction } from './classification-correction.service';
import { DEFAULT_MISROUTE_POLICY } from '../config/policies';

function setup() {
  const w = world();
  return { ...w, corrections: new ClassificationCorrectionService(w.store, w.intake, () => w.engine, DEFAULT_MISROUTE_POLICY) };
}

const at = new Date('2026-01-20T12:00:00Z');
const correction = (extra: Partial<Correction>): Correction => ({ postId: 'c1', actor: 'operator:o1', at, ...extra });

describe('classification corrections in the router', () => {
  it('reroutes the incident when the corrected topic makes another agency responsible', async () => {
    const w = setup();
    const created = await w.intake.intake(post({ postId: 'c1' }), CAUSE);
    expect(created.incident.agencyId).toBe('zha-nevsky');
    const result = await w.corrections.apply(correction({ topicCode: 'roads.surface' }), CAUSE);
    if (result.outcome !== 'rerouted') throw new Error(result.outcome);
    expect(result.incident).toMatchObject({ topicCode: 'roads.surface', agencyId: 'ckb', state: 'rerouted', rerouteCount: 1 });
    const rerouted = result.events.find((e) => e.topic === TOPICS.incidentRerouted)?.envelope.payload as IncidentReroutedV2;
    expect(rerouted).toMatchObject({ agencyId: 'ckb', previousAgencyId: 'zha-nevsky', topicCode: 'roads.surface', decision: { method: 'rule', ruleId: '2' } });
    expect(w.store.outbox.get(created.incident.id)).toEqual(expect.arrayContaining([expect.objectContaining({ topic: TOPICS.incidentRerouted })]));
  });

  it('keeps the agency when it stays responsible: the incident takes the facts, nothing is announced, a repeat changes nothing', async () => {
    const w = setup();
    const created = await w.intake.intake(post({ postId: 'c1' }), CAUSE);
    const result = await w.corrections.apply(correction({ urgency: 'high' }), CAUSE);
    expect(result).toMatchObject({ outcome: 'updated', events: [], incident: { urgency: 'high', agencyId: 'zha-nevsky', version: created.incident.version + 1 } });
    expect(await w.corrections.apply(correction({ urgency: 'high' }), CAUSE)).toMatchObject({ outcome: 'ignored' });
  });

  it('makes a wrongly dismissed post an incident, routed as a classified post would be', async () => {
    const w = setup();
    const result = await w.corrections.apply(correction({ postId: 'd1', dismissed: false, topicCode: 'roads.surface', territoryCode: '40:nevsky', text: 'Яма на дороге' }), CAUSE);
    if (result.outcome !== 'created') throw new Error(result.outcome);
    expect(result.incident).toMatchObject({ postIds: ['d1'], topicCode: 'roads.surface', agencyId: 'ckb', state: 'routed', urgency: 'normal' });
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentStateChanged, TOPICS.incidentRouted]);
    expect(await w.corrections.apply(correction({ postId: 'd1', dismissed: false, topicCode: 'roads.surface' }), CAUSE)).toMatchObject({ outcome: 'ignored' });
  });

  it('leaves alone a post without an incident that the correction does not make actionable', async () => {
    const w = setup();
    for (const c of [correction({ postId: 'd2', dismissed: true }), correction({ postId: 'd3', kind: 'thanks' }), correction({ postId: 'd4', dismissed: false })]) {
      expect(await w.corrections.apply(c, CAUSE)).toMatchObject({ outcome: 'ignored' });
    }
    expect(w.store.incidents.size).toBe(0);
  });

  it('refuses an unknown territory', async () => {
    const w = setup();
    await w.intake.intake(post({ postId: 'c1' }), CAUSE);
    expect(await w.corrections.apply(correction({ territoryCode: 'nowhere' }), CAUSE)).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('nowhere') });
  });
});
