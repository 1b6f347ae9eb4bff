import { IsReadableTerritoryCode } from '../territory-code';
import { IsArray, IsIn, IsISO8601, IsOptional, IsString } from 'class-validator';
import { ESCALATION_ROLES, EscalationRole } from './incident.events';

/**
 * Nobody in the management centre acknowledged a surge (`incident.surge`) in time, so it goes
 * up the escalation chain. Desk keeps the surge queue and its acknowledgements, so desk decides.
 */
export class SurgeEscalatedV2 {
  /** The surge: the id of the `incident.surge` event that announced it. */
  @IsString()
  surgeId: string;

  /** Territory code of the surge. */
  @IsReadableTerritoryCode()
  territoryCode: string;

  /** Name of the territory, e.g. «Невский район». */
  @IsOptional()
  @IsString()
  territoryName?: string;

  /** Taxonomy code of the surge. */
  @IsString()
  topicCode: string;

  /** Incidents the surge counted. */
  @IsArray()
  @IsString({ each: true })
  incidentIds: string[];

  /** When the router detected the surge. */
  @IsISO8601()
  detectedAt: string;

  /** By when it had to be acknowledged. */
  @IsISO8601()
  acknowledgeBy: string;

  /** Step of the escalation chain told of it (`supervisor`). */
  @IsIn(ESCALATION_ROLES)
  role: EscalationRole;

  /** When it escalated. */
  @IsISO8601()
  escalatedAt: string;
}
