/** What makes a surge: `threshold` similar incidents within `windowMinutes` on one territory. */
export interface SurgePolicy {
  windowMinutes: number;
  /** For districts, municipalities and settlements. */
  threshold: number;
  /** For a whole region (busier, so a higher bar). */
  regionThreshold: number;
  /** Per-topic (or category) thresholds for districts, e.g. emergencies of heating fire sooner. */
  topicThresholds?: Record<string, number>;
}

export const DEFAULT_SURGE_POLICY: SurgePolicy = { windowMinutes: 60, threshold: 5, regionThreshold: 20 };
