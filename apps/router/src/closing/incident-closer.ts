import { EventCause } from '@otklik/contracts';
import { stateEvents } from '../incidents/incident-events';
import { transition } from '../incidents/incident-lifecycle';
import { Incident, OutgoingEvent } from '../incidents/incident.model';
import { ConcurrentUpdateError, IncidentStore, nextVersion } from '../incidents/incident-store';
import { ClosingPolicy } from '../config/policies';

/** Closes answered incidents older than the policy allows; a concurrently changed one is left for next time. */
export async function closeAnswered(store: IncidentStore, policy: ClosingPolicy, now: Date, cause: EventCause): Promise<{ incident: Incident; events: OutgoingEvent[] }[]> {
  const cutoff = new Date(now.getTime() - policy.closeAfterDays * 86_400_000);
  const due = await store.findAnsweredBefore(cutoff, policy.batch);
  const closed: { incident: Incident; events: OutgoingEvent[] }[] = [];
  for (const incident of due) {
    const { incident: next, change } = transition(incident, 'closed', { actor: 'router', at: now, reason: `ответ дан более ${policy.closeAfterDays} дн. назад` });
    const saved = nextVersion(next);
    const events = stateEvents(saved, [change], cause);
    try {
      await store.save(saved, events);
      closed.push({ incident: saved, events });
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
    }
  }
  return closed;
}
