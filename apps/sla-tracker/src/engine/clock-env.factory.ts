import { readFileSync } from 'node:fs';
import { ProductionCalendar } from '../calendar/production-calendar';
import { ClockEnv } from '../clock/clock.types';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { SlaPolicy } from '../policies/policy.types';
import { AgencyClocks } from '../working-time/agency-clocks';
import { compileHours, WeeklyHours, WorkingHoursError } from '../working-time/working-hours';

function readJson<T>(file: string, variable: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${variable}: cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * Builds the policies and working time from the shipped data plus the optional files; every
 * agency's hours are compiled at once so a bad file fails the start, naming the agency and field.
 */
export function buildClockEnv(files: { agencyHoursFile?: string; policiesFile?: string }, onUnknownYear: (year: number) => void): ClockEnv & { readonly agencies: AgencyClocks } {
  const extra = files.policiesFile ? readJson<SlaPolicy[]>(files.policiesFile, 'SLA_POLICIES_FILE') : [];
  const policies = new PolicySet([...DEFAULT_POLICIES, ...extra]);
  const hours = new Map<string, WeeklyHours>(Object.entries(files.agencyHoursFile ? readJson<Record<string, WeeklyHours>>(files.agencyHoursFile, 'SLA_AGENCY_HOURS_FILE') : {}));
  for (const [agency, week] of hours) {
    try {
      compileHours(week);
    } catch (error) {
      if (error instanceof WorkingHoursError) throw new WorkingHoursError(`SLA_AGENCY_HOURS_FILE.${agency}.${error.field}`, error.message);
      throw error;
    }
  }
  const agencies = new AgencyClocks(new ProductionCalendar(undefined, onUnknownYear), hours);
  return { policies, agencies, clockFor: (agency, region, roundTheClock) => agencies.clockFor(agency, region, roundTheClock) };
}
