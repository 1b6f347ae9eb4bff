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
