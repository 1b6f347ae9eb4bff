import type { SessionRecord } from './session.schema';

/** Where console sessions are kept: by id, and found by the hash of their secret. */
export abstract class SessionStore {
  /** Opens a session. */
  abstract add(session: SessionRecord): Promise<void>;
  /** The session whose secret has this hash, or null. */
  abstract findByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  /** Records activity: when the session was last seen and its sliding end. */
  abstract touch(sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  /** Ends a session. */
  abstract remove(sessionId: string): Promise<void>;
  /** Deletes the sessions past either of their ends at `now`; returns how many. */
  abstract removeExpired(now: Date): Promise<number>;
}
