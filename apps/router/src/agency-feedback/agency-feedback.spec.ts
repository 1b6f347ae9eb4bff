import { TOPICS } from '@otklik/contracts';
import { CAUSE, rule, tinyEngine, TINY_RULES } from '../testing/fixtures';
import { post, world } from '../testing/world';

const T0 = new Date('2026-01-20T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

async function routedIncident(w: ReturnType<typeof world>) {
  const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
  return incident;
}

describe('agency feedback', () => {
  it('moves an incident through acknowledgement, interim and final answers, emitting state changes', async () => {
    const w = world();
    const incident = await routedIncident(w);
    const act = { incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'agency:u1' };
    const ack = await w.feedback.acknowledge({ ...act, at: later(10) }, CAUSE);
    expect(ack).toMatchObject({ applied: true, incident: { state: 'acknowledged' } });
    expect(ack.applied && ack.events[0].envelope.payload).toMatchObject({ from: 'routed', to: 'acknowledged', agencyId: 'zha-nevsky', actor: 'agency:u1' });
    await w.feedback.answer({ ...act, kind: 'interim', at: later(20) }, CAUSE);
    const final = await w.feedback.answer({ ...act, kind: 'final', at: later(30) }, CAUSE);
    expect(final).toMatchObject({ applied: true, incident: { state: 'answered', answeredAt: later(30) } });
  });

  it('ignores an act of an agency that does not hold the incident, and a repeated acknowledgement', async () => {
    const w = world();
    const incident = await routedIncident(w);
    const other = await w.feedback.acknowledge({ incidentId: incident.id, agencyId: 'ckb', actor: 'x', at: later(5) }, CAUSE);
    expect(other).toEqual({ applied: false, reason: 'agency ckb does not hold incident 78-2026-000001 (held by zha-nevsky)' });
    await w.feedback.acknowledge({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'x', at: later(5) }, CAUSE);
    expect(await w.feedback.acknowledge({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'x', at: later(6) }, CAUSE)).toEqual({ applied: false, reason: 'already acknowledged' });
  });

  it('sends a returned incident to the next candidate and records the misroute with charges', async () => {
    const w = world();
    const incident = await routedIncident(w);
    const result = await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'agency:u1', reason: 'не наша территория', at: later(300) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(result.incident).toMatchObject({ state: 'rerouted', agencyId: 'ckb', rerouteCount: 1 });
    expect(result.events.map((e) => e.topic)).toEqual([TOPICS.incidentReturned, TOPICS.incidentStateChanged, TOPICS.incidentStateChanged, TOPICS.incidentRerouted]);
    expect(result.events[0].envelope.payload).toMatchObject({
      agencyId: 'zha-nevsky',
      next: 'next_candidate',
      nextAgencyId: 'ckb',
      lostMinutes: 300,
      reason: 'не наша территория',
      agencyChargedMinutes: 60,
    });
    expect(result.events[3].envelope.payload).toMatchObject({ previousAgencyId: 'zha-nevsky', rerouteCount: 1, decision: { method: 'history' } });
    // One instant: consumers order by id, so the return's ids come before the move's.
    const ids = result.events.map((e) => e.envelope.id);
    expect(ids).toEqual([...ids].sort());
    const [misroute] = w.misroutes.records.values();
    expect(misroute).toMatchObject({ kind: 'return', agencyId: 'zha-nevsky', method: 'history', lostMinutes: 300 });
    expect(misroute.charges).toEqual([
      { party: 'history', id: 'history', minutes: 240 },
      { party: 'agency', id: 'zha-nevsky', minutes: 60 },
    ]);
  });

  it('counts misroutes per rule and per agency', async () => {
    const w = world(tinyEngine({ rules: [...TINY_RULES, rule(3, ['landscaping.snow_ice'], ['40000000'], 'ckb', { priority: 10 })] }));
    for (const minute of [0, 1]) {
      const { incident } = await w.intake.intake(post({ at: later(minute), place: { territoryCode: '40:nevsky', address: `ул. Седова, ${minute}` } }), CAUSE);
      await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'ckb', actor: 'a', reason: 'дворовая территория', at: later(60) }, CAUSE);
    }
    const summary = await w.misroutes.summary(T0, later(1000));
    expect(summary.byRule).toEqual([{ ruleId: '3', misroutes: 2, lostMinutes: 119 }]);
    expect(summary.byAgency).toEqual([{ agencyId: 'ckb', misroutes: 2, chargedMinutes: 0, unjustifiedReturns: 0 }]);
  });

  it('goes to the agency the returning one names when the directory agrees', async () => {
    const w = world();
    const incident = await routedIncident(w);
    const result = await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', reason: 'это улица', suggestedAgencyId: 'adm-nevsky', at: later(30) }, CAUSE);
    expect(result).toMatchObject({ applied: true, incident: { agencyId: 'adm-nevsky', decision: { method: 'operator' } } });
  });

  it('goes to triage when no candidate is left, and stays countable', async () => {
    const w = world();
    const incident = await routedIncident(w);
    await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', reason: 'не наше', at: later(30) }, CAUSE);
    const result = await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'ckb', actor: 'b', reason: 'и не наше', at: later(60) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(result.incident).toMatchObject({ state: 'triage', agencyId: 'mc', rerouteCount: 2 });
    expect(result.events[0].envelope.payload).toMatchObject({ next: 'triage' });
    expect(result.events.at(-1)?.envelope.payload).toMatchObject({ decision: { method: 'triage' }, agencyId: 'mc', previousAgencyId: 'ckb' });
    expect(w.misroutes.records.size).toBe(2);
  });

  it('refuses a return after an interim answer', async () => {
    const w = world();
    const incident = await routedIncident(w);
    await w.feedback.answer({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', kind: 'interim', at: later(5) }, CAUSE);
    const result = await w.feedback.returnIncident({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', reason: 'не наше', at: later(10) }, CAUSE);
    expect(result).toEqual({ applied: false, reason: 'cannot return in state interim_answer' });
  });
});
