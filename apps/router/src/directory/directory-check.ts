import { OKTMO_CODE } from '@otklik/contracts';
import { AGENCY_KINDS } from '../agencies/agency.model';
import { AgencyDirectoryError } from '../agencies/agency-directory';
import { RoutingData, buildRoutingEngine } from '../routing/routing-snapshot';
import { RoutingEngine } from '../routing/routing-engine';
import { TerritoryDirectoryError } from '../territories/territory-directory';
import { DirectoryValidationError } from './directory-errors';

function checkRefs(data: RoutingData): string[] {
  const territories = new Set(data.territories.map((t) => t.code));
  const agencies = new Set(data.agencies.map((a) => a.id));
  const issues: string[] = [];
  for (const t of data.territories) {
    const scheme = OKTMO_CODE.test(t.code) ? 'oktmo' : 'local';
    if (t.codeScheme !== scheme) issues.push(`territory ${t.code}: codeScheme: must be ${scheme} for a code of this form`);
  }
  const ruleIds = new Set<number>();
  for (const rule of data.rules) {
    if (ruleIds.has(rule.id)) issues.push(`rule ${rule.id}: id: listed twice`);
    ruleIds.add(rule.id);
    rule.territoryCodes.filter((c) => !territories.has(c)).forEach((c) => issues.push(`rule ${rule.id}: territoryCodes: unknown territory ${c}`));
    for (const [field, ref] of [['agency', rule.agency] as const, ...(rule.coExecutors ?? []).map((r) => ['coExecutors', r] as const)]) {
      if (ref.startsWith('@') ? !(AGENCY_KINDS as readonly string[]).includes(ref.slice(1)) : !agencies.has(ref)) {
        issues.push(`rule ${rule.id}: ${field}: unknown ${ref.startsWith('@') ? 'agency kind' : 'agency'} ${ref}`);
      }
    }
    if (rule.validFrom && rule.validTo && rule.validTo < rule.validFrom) issues.push(`rule ${rule.id}: validTo: before validFrom`);
  }
  return issues;
}

/**
 * Builds the routing engine a directory would give, or throws DirectoryValidationError naming
 * every problem: the hierarchy, agencies' territories and parents, rules' references.
 */
export function checkedEngine(data: RoutingData): RoutingEngine {
  const issues = checkRefs(data);
  if (issues.length > 0) throw new DirectoryValidationError(issues);
  try {
    return buildRoutingEngine(data);
  } catch (error) {
    if (error instanceof TerritoryDirectoryError || error instanceof AgencyDirectoryError) throw new DirectoryValidationError([error.message]);
    throw error;
  }
}
