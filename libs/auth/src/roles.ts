/**
 * Roles of the whole system. People: `admin`, `operator`, `supervisor`, `agency` (bound to one
 * agency). Machines: `integration` (an outside tool feeding posts or reading), `service` (one
 * Otklik service calling another).
 */
export const ROLES = ['admin', 'operator', 'supervisor', 'agency', 'integration', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The management centre's people: they see every agency's data. */
export const CENTRE_ROLES: readonly Role[] = ['admin', 'operator', 'supervisor'];

/** Who a verified token says the caller is. */
export interface Caller {
  /** User id, API-token id or service name. */
  sub: string;
  role: Role;
  /** Set for agency-bound callers: the only agency whose data they may see or change. */
  agencyId?: string;
  /** Login or token name, for audit logs. */
  name?: string;
}

/** True when the role is one of the system's roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
