import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { readEnv, registerAs } from '@otklik/config';

/** Settings of the sla-tracker; each variable is named in the error when it is wrong. */
export class SlaEnv {
  /** Hours of timers held in memory; later ones are read from the store as time goes on. */
  @IsInt()
  @Min(1)
  @Max(24 * 14)
  SLA_TIMER_HORIZON_HOURS: number = 36;

  /** Timers fired per batch. */
  @IsInt()
  @Min(1)
  @Max(5000)
  SLA_TIMER_BATCH: number = 200;

  /**
   * Clock collections the clocks are spread over (fixed once data exists; unset: the database's
   * own layout, or 16 for a new one). FerretDB 1.x scans a whole collection per write, so keep
   * about a thousand clocks per collection; MongoDB needs 1.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8192)
  SLA_CLOCK_COLLECTIONS?: number = undefined;

  /** JSON file: { "<agencyId>": WeeklyHours } for agencies whose hours differ from the civil-service week. */
  @IsOptional()
  @IsString()
  SLA_AGENCY_HOURS_FILE?: string = undefined;

  /** JSON file: extra SlaPolicy versions appended to the shipped ones. */
  @IsOptional()
  @IsString()
  SLA_POLICIES_FILE?: string = undefined;

  /** On a first start, days back to look for overdue timers. */
  @IsInt()
  @Min(0)
  @Max(366)
  SLA_FIRST_START_CATCH_UP_DAYS: number = 7;
}

export const slaConfig = registerAs('sla', () => {
  const env = readEnv(SlaEnv);
  return {
    horizonMs: env.SLA_TIMER_HORIZON_HOURS * 3_600_000,
    batchSize: env.SLA_TIMER_BATCH,
    collections: env.SLA_CLOCK_COLLECTIONS,
    agencyHoursFile: env.SLA_AGENCY_HOURS_FILE,
    policiesFile: env.SLA_POLICIES_FILE,
    firstStartCatchUpMs: env.SLA_FIRST_START_CATCH_UP_DAYS * 86_400_000,
  };
});
