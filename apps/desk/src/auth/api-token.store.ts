import type { ApiTokenRecord } from './api-token.schema';

/** Where API tokens are kept: by id, and found by the hash of their secret. */
export abstract class ApiTokenStore {
  /** Stores a new token; returns it as stored. */
  abstract add(token: ApiTokenRecord): Promise<ApiTokenRecord>;
  /** Tokens, newest first, at most `limit`. */
  abstract list(limit: number): Promise<ApiTokenRecord[]>;
  /** The token with this id, or null. */
  abstract findById(tokenId: string): Promise<ApiTokenRecord | null>;
  /** The token whose secret has this hash, or null. */
  abstract findByTokenHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  /** Revokes a token at `at`; the token as revoked, or null if it is unknown or was revoked before. */
  abstract revoke(tokenId: string, at: Date): Promise<ApiTokenRecord | null>;
  /** Records when the token was last used. */
  abstract touch(tokenId: string, lastUsedAt: Date): Promise<void>;
}
