import { IncidentStateChangedV1, TOPICS } from '@otklik/contracts';
import { OutgoingEvent } from '../incidents/incident.model';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';

const T0 = new Date('2026-01-20T10:00:00Z');
const later = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const ask = { action: 'request_clarification' as const, reason: 'Уточните номер дома', actor: 'operator:o1' };
const came = { action: 'clarification_received' as const, reason: 'Заявитель указал дом 7', actor: 'operator:o1' };

function stateChanges(events: readonly OutgoingEvent[]): IncidentStateChangedV1[] {
  return events.filter((e) => e.topic === TOPICS.incidentStateChanged).map((e) => e.envelope.payload as IncidentStateChangedV1);
}

async function routedIncident() {
  const w = world();
  const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
  return { w, incidentId: incident.id };
}

describe('clarification from the citizen', () => {
  it('records a request as a state change that keeps the state and names the reason code', async () => {
    const { w, incidentId } = await routedIncident();
    const result = await w.operators.apply({ ...ask, incidentId, at: later(30) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(stateChanges(result.events)).toEqual([
      expect.objectContaining({
        from: 'routed',
        to: 'routed',
        reason: 'Уточните номер дома',
        reasonCode: 'awaiting_clarification',
        actor: 'operator:o1',
      }),
    ]);
    expect((await w.store.get(incidentId))?.clarification).toEqual({ requestedAt: later(30), actor: 'operator:o1', reason: 'Уточните номер дома' });
  });

  it('records the clarification received, which ends the wait, and refuses to record it twice', async () => {
    const { w, incidentId } = await routedIncident();
    await w.operators.apply({ ...ask, incidentId, at: later(30) }, CAUSE);
    const result = await w.operators.apply({ ...came, incidentId, at: later(90) }, CAUSE);
    if (!result.applied) throw new Error(result.reason);
    expect(stateChanges(result.events)).toEqual([expect.objectContaining({ from: 'routed', to: 'routed', reasonCode: 'clarification_received' })]);
    expect((await w.store.get(incidentId))?.clarification).toBeUndefined();
    expect(await w.operators.apply({ ...came, incidentId, at: later(91) }, CAUSE)).toEqual({ applied: false, reason: 'incident 78-2026-000001 awaits no clarification' });
  });

  it('refuses a second request while one is pending', async () => {
    const { w, incidentId } = await routedIncident();
    await w.operators.apply({ ...ask, incidentId, at: later(30) }, CAUSE);
    expect(await w.operators.apply({ ...ask, incidentId, at: later(31) }, CAUSE)).toMatchObject({ applied: false, reason: expect.stringContaining('already awaits a clarification') });
  });

  it('keeps waiting when the agency takes the incident meanwhile, and says so on that change', async () => {
    const { w, incidentId } = await routedIncident();
    await w.operators.apply({ ...ask, incidentId, at: later(30) }, CAUSE);
    const taken = await w.feedback.acknowledge({ incidentId, agencyId: 'zha-nevsky', actor: 'agency:a1', at: later(40) }, CAUSE);
    if (!taken.applied) throw new Error(taken.reason);
    expect(stateChanges(taken.events)).toEqual([expect.objectContaining({ from: 'routed', to: 'acknowledged', reasonCode: 'awaiting_clarification' })]);
    expect((await w.store.get(incidentId))?.clarification).toBeDefined();
  });

  it('ends the wait when the agency answers', async () => {
    const { w, incidentId } = await routedIncident();
    await w.operators.apply({ ...ask, incidentId, at: later(30) }, CAUSE);
    await w.feedback.answer({ incidentId, agencyId: 'zha-nevsky', actor: 'agency:a1', kind: 'final', at: later(60) }, CAUSE);
    expect(await w.store.get(incidentId)).toMatchObject({ state: 'answered', clarification: undefined });
  });

  it('lets the holding agency record clarifications and refuses another agency', async () => {
    const { w, incidentId } = await routedIncident();
    expect(await w.operators.apply({ ...ask, incidentId, actor: 'agency:x', actorAgencyId: 'adm-nevsky', at: later(5) }, CAUSE)).toEqual({
      applied: false,
      reason: 'agency adm-nevsky does not hold incident 78-2026-000001',
    });
    expect(await w.operators.apply({ ...ask, incidentId, actor: 'agency:a1', actorAgencyId: 'zha-nevsky', at: later(6) }, CAUSE)).toMatchObject({ applied: true });
  });

  it('refuses a clarification once the incident is answered', async () => {
    const { w, incidentId } = await routedIncident();
    await w.feedback.answer({ incidentId, agencyId: 'zha-nevsky', actor: 'agency:a1', kind: 'final', at: later(60) }, CAUSE);
    expect(await w.operators.apply({ ...ask, incidentId, at: later(61) }, CAUSE)).toEqual({ applied: false, reason: 'no clarification in state answered' });
  });
});
