import { EventCause, TOPICS } from '@otklik/contracts';
import { incidentEvent } from '../incidents/incident-events';
import { Incident, OutgoingEvent } from '../incidents/incident.model';
import { TerritoryDirectory } from '../territories/territory-directory';
import { topicCovers } from '../shared/topics';
import { SurgePolicy } from '../config/policies';

/** Storage the detector needs. */
export interface SurgeStore {
  /** Ids of non-dismissed incidents of `topic` inside `territoryCode` created at or after `since`. */
  recentIncidentIds(topicCode: string, territoryCode: string, since: Date): Promise<string[]>;
  /**
   * Claims the right to announce a surge of `key` at `at`, unless one was announced less than
   * `windowMinutes` earlier; the event is kept with the claim until published. Atomic.
   */
  claim(key: string, at: Date, windowMinutes: number, event: OutgoingEvent): Promise<boolean>;
}

/**
 * Surge detection: N similar incidents (same topic) in M minutes on one territory — every level
 * of the incident's territory, so that a burst spread over a city's districts is seen too.
 * One announcement per territory and topic per window.
 */
export class SurgeDetector {
  constructor(
    private readonly store: SurgeStore,
    private readonly territories: () => TerritoryDirectory,
    private readonly policy: SurgePolicy,
  ) {}

  thresholdFor(topicCode: string, territoryKind: string): number {
    if (territoryKind === 'region') return this.policy.regionThreshold;
    const overrides = Object.entries(this.policy.topicThresholds ?? {}).filter(([pattern]) => topicCovers(pattern, topicCode));
    // The most specific override wins: `housing.heating` over `housing`.
    overrides.sort((a, b) => b[0].length - a[0].length);
    return overrides[0]?.[1] ?? this.policy.threshold;
  }

  /** Checks every territory level of a new incident; returns the surge events it claimed. */
  async check(incident: Incident, cause: EventCause, at: Date): Promise<OutgoingEvent[]> {
    const directory = this.territories();
    const since = new Date(at.getTime() - this.policy.windowMinutes * 60_000);
    const events: OutgoingEvent[] = [];
    for (const code of incident.territoryPath) {
      const territory = directory.get(code);
      if (!territory) continue;
      const threshold = this.thresholdFor(incident.topicCode, territory.kind);
      const ids = await this.store.recentIncidentIds(incident.topicCode, code, since);
      if (ids.length < threshold) continue;
      const key = `${code}|${incident.topicCode}`;
      const event = incidentEvent(
        TOPICS.incidentSurge,
        key,
        {
          territoryCode: code,
          territoryName: territory.name,
          topicCode: incident.topicCode,
          incidentIds: ids,
          windowMinutes: this.policy.windowMinutes,
          threshold,
          detectedAt: at.toISOString(),
        },
        cause,
        at,
      );
      if (await this.store.claim(key, at, this.policy.windowMinutes, event)) events.push(event);
    }
    return events;
  }
}
