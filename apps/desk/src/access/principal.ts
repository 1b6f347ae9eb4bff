import type { DeskRole } from '@otklik/contracts';

/** Roles a person can have; `integration` exists only for API tokens. */
export const USER_ROLES = ['operator', 'supervisor', 'agency', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles an API token can be issued for (never admin). */
export const TOKEN_ROLES = ['operator', 'supervisor', 'agency', 'integration'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Whoever is making a request: a signed-in user or an API token. */
export interface Principal {
  /** user id or token id. */
  id: string;
  kind: 'user' | 'token';
  /** Login or token name, for the audit log and the console. */
  name: string;
  role: DeskRole;
  /** Set for agency staff and agency-bound tokens: the only agency whose incidents they see. */
  agencyId?: string;
  /** Session id when signed in through the console. */
  sessionId?: string;
  /** How the credential arrived: cookie-borne requests get a same-origin check on writes. */
  via: 'cookie' | 'bearer';
}
