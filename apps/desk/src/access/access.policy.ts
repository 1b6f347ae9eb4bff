import type { DeskRole } from '@otklik/contracts';
import { DeskError } from '../common/desk-error';
import type { Principal } from './principal';

/** The part of an incident that decides who may see and change it. */
export interface IncidentAccessFacts {
  agencyId?: string;
  coExecutorIds: string[];
}

/** Roles that see every incident. */
const SEE_ALL: ReadonlySet<DeskRole> = new Set<DeskRole>(['operator', 'supervisor', 'admin', 'integration']);
/** Roles that take the management centre's decisions. */
const OPERATORS: ReadonlySet<DeskRole> = new Set<DeskRole>(['operator', 'supervisor', 'admin']);

/**
 * Query condition limiting incidents to what the principal may see. Agency staff see the
 * incidents their agency holds or co-executes; an agency role without an agency sees nothing.
 */
export function visibilityFilter(principal: Principal): Record<string, unknown> {
  if (SEE_ALL.has(principal.role)) return {};
  if (principal.role === 'agency' && principal.agencyId) {
    return { $or: [{ agencyId: principal.agencyId }, { coExecutorIds: principal.agencyId }] };
  }
  return { incidentId: { $in: [] } };
}

/** Whether the principal may see this incident. */
export function canSee(principal: Principal, incident: IncidentAccessFacts): boolean {
  if (SEE_ALL.has(principal.role)) return true;
  if (principal.role !== 'agency' || !principal.agencyId) return false;
  return incident.agencyId === principal.agencyId || incident.coExecutorIds.includes(principal.agencyId);
}

/**
 * Agency actions (acknowledge, answer, return) belong to the agency holding the incident.
 * A co-executor sees the incident but cannot answer for the lead agency.
 */
export function assertAgencyMayAct(principal: Principal, incident: IncidentAccessFacts): string {
  if (principal.role !== 'agency' || !principal.agencyId) throw DeskError.forbidden('only agency staff act for an agency');
  if (!canSee(principal, incident)) throw DeskError.notFound('incident');
  if (incident.agencyId !== principal.agencyId) {
    throw DeskError.forbidden('only the agency holding the incident can do this; co-executors cannot');
  }
  return principal.agencyId;
}

/** Operator decisions (correct, reassign, merge, split, dismiss). */
export function assertOperator(principal: Principal): void {
  if (!OPERATORS.has(principal.role)) throw DeskError.forbidden('only operators, supervisors and admins can do this');
}
