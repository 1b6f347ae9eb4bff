import type { SurgeAcknowledgement, SurgeRecord, SurgeStatus } from './surge.schema';

/** Where the surge queue is kept. One-winner decisions (who acknowledged, who settled the deadline) are SurgeClaims'. */
export abstract class SurgeStore {
  /** Queues an announced surge; the same one again changes nothing. */
  abstract addDetected(surge: SurgeRecord): Promise<void>;
  /** The surge, or undefined. */
  abstract find(surgeId: string): Promise<SurgeRecord | undefined>;
  /** Surges in any of `statuses` (all when not given), newest first, at most `limit`. */
  abstract list(statuses: readonly SurgeStatus[] | undefined, limit: number): Promise<SurgeRecord[]>;
  /** Open surges whose deadline is at or before `now`, the earliest deadline first, at most `limit`. */
  abstract overdue(now: Date, limit: number): Promise<SurgeRecord[]>;
  /** Records who took the surge on. */
  abstract markAcknowledged(surgeId: string, acknowledged: SurgeAcknowledgement): Promise<void>;
  /**
   * Records the escalation: when and by which event first, then the status (unless acknowledged
   * meanwhile), so a reader never sees an escalated surge without its time.
   */
  abstract markEscalated(surgeId: string, at: Date, eventId: string): Promise<void>;
}
