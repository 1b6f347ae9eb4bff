// The router's tunable policies, in one place: router.config.ts fills them from the environment,
// and each capability reads its own (routing, grouping, surges, misroutes, closing).

/** Thresholds of the routing decision. */
export interface RoutingPolicy {
  /** Below this classifier confidence in the topic, a human looks first (triage). */
  minTopicConfidence: number;
  /** A learned suggestion decides alone only with at least this probability. */
  minHistoryProbability: number;
  /** Learned suggestions below this are not even kept as fallback candidates. */
  minCandidateProbability: number;
  /** After this many reroutes the incident goes to triage instead of the next candidate. */
  maxReroutes: number;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
  minTopicConfidence: 0.5,
  minHistoryProbability: 0.5,
  minCandidateProbability: 0.1,
  maxReroutes: 3,
};

/** When two posts are the same problem in the same place. */
export interface GroupingPolicy {
  /** A post joins an open incident whose last post is at most this old. */
  windowHours: number;
  /** Coordinates this close are one place. */
  maxDistanceMeters: number;
}

export const DEFAULT_GROUPING_POLICY: GroupingPolicy = { windowHours: 48, maxDistanceMeters: 150 };

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

/** Who is charged for the time a wrong address cost. */
export interface MisroutePolicy {
  /**
   * Minutes an agency may hold an incident before returning it without blame; time up to this
   * is charged to whoever chose the agency (a rule, history, an operator), the rest to the agency.
   */
  agencyGraceMinutes: number;
}

export const DEFAULT_MISROUTE_POLICY: MisroutePolicy = { agencyGraceMinutes: 240 };

/** How long an answered incident stays open for the citizen to come back before it is closed. */
export interface ClosingPolicy {
  closeAfterDays: number;
  /** Incidents closed per run (the rest wait for the next one). */
  batch: number;
  /** How often the closing job runs. */
  everyMs: number;
}

export const DEFAULT_CLOSING_POLICY: ClosingPolicy = { closeAfterDays: 7, batch: 200, everyMs: 600_000 };
