import { ForbiddenException } from '@nestjs/common';
import type { Caller } from './roles';

/** The agency an agency-bound caller is limited to; undefined for everyone else. */
export function agencyScopeOf(caller: Caller): string | undefined {
  return caller.role === 'agency' ? caller.agencyId : undefined;
}

/** True when the caller may see or change data of this agency. */
export function mayAccessAgency(caller: Caller, agencyId: string | undefined): boolean {
  const scope = agencyScopeOf(caller);
  return scope === undefined || scope === agencyId;
}

/** Refuses (403) an agency-bound caller asking for another agency's data by that agency's id. */
export function assertAgencyAccess(caller: Caller, agencyId: string, field = 'agencyId'): void {
  if (!mayAccessAgency(caller, agencyId)) {
    throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: [`${field}: agency staff see only their own agency's data`] });
  }
}
