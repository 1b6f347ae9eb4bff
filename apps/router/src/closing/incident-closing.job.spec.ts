import pino from 'pino';
import { TOPICS } from '@otklik/contracts';
import type { RouterSettings } from '../config/router.config';
import type { OutgoingEvent } from '../incidents/incident.model';
import { CAUSE } from '../testing/fixtures';
import { post, world } from '../testing/world';
import { IncidentClosingJob } from './incident-closing.job';

const T0 = new Date('2026-01-20T10:00:00Z');
const days = (n: number): Date => new Date(T0.getTime() + n * 86_400_000);

async function answeredIncident() {
  const w = world();
  const { incident } = await w.intake.intake(post({ at: T0 }), CAUSE);
  await w.feedback.answer({ incidentId: incident.id, agencyId: 'zha-nevsky', actor: 'a', kind: 'final', at: new Date(T0.getTime() + 3_600_000) }, CAUSE);
  const published: OutgoingEvent[] = [];
  const outbox = { publish: async (events: readonly OutgoingEvent[]) => void published.push(...events) };
  const settings = { closing: { closeAfterDays: 7, batch: 10, everyMs: 60_000 } } as RouterSettings;
  const job = new IncidentClosingJob(w.store, outbox, settings, pino({ enabled: false }));
  return { w, incident, job, published };
}

describe('IncidentClosingJob', () => {
  it('closes an answered incident once the policy days have passed and publishes its state change', async () => {
    const { w, incident, job, published } = await answeredIncident();
    expect(await job.closeDue(days(8))).toBe(1);
    expect((await w.store.get(incident.id))?.state).toBe('closed');
    expect(published).toEqual([expect.objectContaining({ topic: TOPICS.incidentStateChanged, key: incident.id })]);
    expect(published[0]?.envelope.payload).toMatchObject({ to: 'closed' });
  });

  it('leaves an incident answered less than the policy days ago, and publishes nothing', async () => {
    const { w, incident, job, published } = await answeredIncident();
    expect(await job.closeDue(days(6))).toBe(0);
    expect((await w.store.get(incident.id))?.state).toBe('answered');
    expect(published).toEqual([]);
  });
});
