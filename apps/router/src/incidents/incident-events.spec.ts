import { TOPICS } from '@otklik/contracts';
import { CAUSE, TINY_AGENCIES, tinyEngine } from '../testing/fixtures';
import { post, world } from '../testing/world';

describe('the agency an incident event names', () => {
  const deputy = { channel: 'email' as const, address: 'deputy@gov.test', name: 'заместитель губернатора' };
  const agencies = TINY_AGENCIES.map((a) =>
    a.id === 'mc'
      ? { ...a, escalation: { supervisor: [{ channel: 'telegram' as const, address: '-100500' }], deputy_governor: [deputy] } }
      : a.id === 'zha-nevsky'
        ? { ...a, escalation: { agency_head: [{ channel: 'email' as const, address: 'head@zha.test' }] } }
        : a,
  );

  it('carries the escalation recipients the directory resolves for the routed agency, and for the next one on a reroute', async () => {
    const w = world(tinyEngine({ agencies }));
    const created = await w.intake.intake(post({ postId: 'e1' }), CAUSE);
    expect(created.events[1].envelope.payload).toMatchObject({
      agencyId: 'zha-nevsky',
      agency: {
        escalation: [
          { role: 'agency_head', channel: 'email', address: 'head@zha.test' },
          { role: 'supervisor', channel: 'telegram', address: '-100500' },
          { role: 'deputy_governor', ...deputy },
        ],
      },
    });
    const moved = await w.operators.apply(
      { incidentId: created.incident.id, action: 'reassign', agencyId: 'adm-nevsky', reason: 'не тот адресат', actor: 'operator:o1', at: new Date('2026-01-20T11:05:00Z') },
      CAUSE,
    );
    if (!moved.applied) throw new Error('refused');
    const rerouted = moved.events.find((e) => e.topic === TOPICS.incidentRerouted)?.envelope.payload as { agency?: { escalation?: { role: string }[] } };
    expect(rerouted.agency?.escalation?.map((r) => r.role)).toEqual(['supervisor', 'deputy_governor']);
  });

  it('names no escalation recipients when the directory lists none', async () => {
    const w = world();
    const created = await w.intake.intake(post({ postId: 'e2' }), CAUSE);
    expect(created.events[1].envelope.payload).not.toHaveProperty('agency.escalation');
  });
});
