import type { KindDecision } from '../kind/kind.service';
import type { PlaceDecision } from '../place/place.service';
import type { SentimentDecision } from '../sentiment/sentiment.service';
import type { UrgencyDecision } from '../urgency/urgency.service';

/** A label with its calibrated probability. */
export interface ScoredLabel {
  readonly code: string;
  readonly confidence: number;
}

/** A feature that pulled the decision towards its topic. */
export interface FeatureWeight {
  readonly feature: string;
  readonly weight: number;
}

/** Why the classifier decided as it did. */
export interface Explanation {
  /** Ids of the lexicon rules that fired (kind, urgency, place, sentiment). */
  readonly rules: readonly string[];
  /** The strongest features behind the topic, strongest first. */
  readonly features: readonly FeatureWeight[];
}

/** Everything the classifier decides about one post. */
export interface Classification {
  readonly modelVersion: string;
  readonly taxonomyVersion: string;
  readonly kind: KindDecision;
  readonly category: ScoredLabel;
  readonly topic: ScoredLabel;
  /** Runner-up topics, for operators correcting a decision. */
  readonly alternatives: readonly ScoredLabel[];
  readonly urgency: UrgencyDecision;
  readonly place: PlaceDecision;
  readonly sentiment: SentimentDecision;
  readonly explanation: Explanation;
  /** True when an operator should confirm the decision before it is trusted. */
  readonly needsReview: boolean;
  readonly reviewReasons: readonly string[];
}

/** What the classifier reads about a post. */
export interface ClassificationInput {
  readonly text: string;
  /** When the post was published; in the heating season an outage is an emergency. */
  readonly postedAt: Date;
  /** Territory code of the community the post was found in, the fallback place. */
  readonly communityTerritory?: string;
}
