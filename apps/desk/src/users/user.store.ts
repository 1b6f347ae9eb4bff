import type { UserRecord } from './user.schema';

/** A user as the service hands it over for keeping; the store adds the creation and update times. */
export type NewUserRecord = Omit<UserRecord, 'createdAt' | 'updatedAt'>;

/** Fields an update may set; the agency binding is given on its own. */
export type UserFields = Partial<Pick<UserRecord, 'displayName' | 'role' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'failedLogins'>>;

/** Where desk's users are kept; logins arrive normalised (trimmed, lower-cased) by the service. */
export abstract class UserStore {
  /** Whether there is any user at all (an estimate: it tells a first start). */
  abstract hasAny(): Promise<boolean>;
  /** Adds a user; undefined when its login is taken. */
  abstract add(user: NewUserRecord): Promise<UserRecord | undefined>;
  /** Removes the user with this login. */
  abstract removeByLogin(login: string): Promise<void>;
  /** Users in the order of their logins, at most `limit`. */
  abstract list(limit: number): Promise<UserRecord[]>;
  /** The user with this id, or null. */
  abstract findById(userId: string): Promise<UserRecord | null>;
  /** The user with this login, or null. */
  abstract findByLogin(login: string): Promise<UserRecord | null>;
  /** Sets `fields` and binds the user to `agencyId` (unbinds when undefined); the user as updated, or null if unknown. */
  abstract update(userId: string, fields: UserFields, agencyId: string | undefined): Promise<UserRecord | null>;
  /** Counts a failed login; returns the failures in a row (0 for an unknown user). */
  abstract countFailure(userId: string): Promise<number>;
  /** Locks the account until `until`; the count of failures starts again. */
  abstract lock(userId: string, until: Date): Promise<void>;
  /** Forgets the failed logins, if there are any. */
  abstract clearFailures(userId: string): Promise<void>;
  /** Replaces the password hash (the same password, hashed with today's parameters). */
  abstract setPasswordHash(userId: string, passwordHash: string): Promise<void>;
}
