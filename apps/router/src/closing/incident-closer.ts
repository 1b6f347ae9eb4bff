import { EventCause } from '@otklik/contracts';
import { stateEvents } from '../incidents/incident-events';
import { transition } from '../incidents/incident-lifecycle';
import { Incident, OutgoingEvent } from '../incidents/incident.model';
import { ConcurrentUpdateError, IncidentStore, nextVersion } from '../incidents/incident-store';

/** How long an answered incident stays open for the citizen to come back before it is closed. */
export interface ClosingPolicy {
  closeAfterDays: number;
  /** Incidents closed per run (the rest wait for the next one). */
  batch: number;
  /** How often the closing job runs. */
  everyMs: number;
}

export const DEFAULT_CLOSING_POLICY: ClosingPolicy = { closeAfterDays: 7, batch: 200, everyMs: 600_000 };

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
