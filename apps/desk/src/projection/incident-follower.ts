import type { IncidentRecord } from './incident.view';

/**
 * What keeps figures derived from stored incidents in step with them (the dashboard counters).
 * The projection calls it after each stored change; it is a token here so that the read model
 * does not import what reads it.
 */
export abstract class IncidentFollower {
  /** Brings what is derived from `incident` in step with it as now stored. */
  abstract reconcile(incident: IncidentRecord): Promise<void>;
}
