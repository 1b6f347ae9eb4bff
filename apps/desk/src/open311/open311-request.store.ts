import type { Open311RequestRecord } from './open311-request.schema';

/** Where Open311 requests wait until ingest has taken them as posts. */
export abstract class Open311RequestStore {
  /** Keeps a request taken in. */
  abstract add(request: Open311RequestRecord): Promise<void>;
  /** The request a token was given for. */
  abstract find(token: string): Promise<Open311RequestRecord | undefined>;
  /** Pending requests due for an attempt at `now`, oldest first, at most `limit`. */
  abstract due(now: Date, limit: number): Promise<Open311RequestRecord[]>;
  /**
   * Takes a due request for one attempt, counting it, and holds it until `until`; false when
   * another instance took it first (its next attempt is no longer the one read).
   */
  abstract claim(request: Open311RequestRecord, until: Date): Promise<boolean>;
  /** Ingest took it. */
  abstract markForwarded(token: string, at: Date): Promise<void>;
  /** Ingest refused it for good, saying why. */
  abstract markRejected(token: string, reason: string): Promise<void>;
  /** The attempt failed for now: tried again at `at`. */
  abstract retryAt(token: string, reason: string, at: Date): Promise<void>;
}
