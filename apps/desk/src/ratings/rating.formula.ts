import type { QualityMeasure } from '../dashboards/quality-facts';

/** An agency's counts for one month: its quality facts and its deadlines met on time or late. */
export type QualityCounts = Record<QualityMeasure, number> & { onTime: number; late: number };

/** The shares the rating is made of, each in [0, 1] (1 is best), or null without the facts it needs. */
export interface RatingComponents {
  /** Deadlines met on time among those met: onTime / (onTime + late). */
  onTime: number | null;
  /** Answers that were not flagged as formal non-answers: 1 − flagged / answers. */
  substance: number | null;
  /** Citizens' verdicts that confirmed the work: confirmed / (confirmed + disputed). */
  satisfaction: number | null;
  /** Answers that stood (no clock reopened): 1 − reopened / answers, at least 0. */
  stability: number | null;
  /** Incidents received that were not misroutes charged to the agency: 1 − misrouted / received, at least 0. */
  routing: number | null;
}

/** Weights of the components (they sum to 1); docs/ratings.md explains the choice. */
export const RATING_WEIGHTS: Readonly<Record<keyof RatingComponents, number>> = {
  onTime: 0.35,
  substance: 0.2,
  satisfaction: 0.2,
  stability: 0.15,
  routing: 0.1,
};

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : null);
const complement = (value: number | null): number | null => (value === null ? null : 1 - value);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The components of an agency's month. */
export function ratingComponents(c: QualityCounts): RatingComponents {
  return {
    onTime: share(c.onTime, c.onTime + c.late),
    substance: complement(share(c.flagged, c.answers)),
    satisfaction: share(c.confirmed, c.confirmed + c.disputed),
    stability: complement(share(c.reopened, c.answers)),
    routing: complement(share(c.misrouted, c.received)),
  };
}

/**
 * The monthly rating, 0–100 with one decimal: the weighted mean of the components that have
 * facts, the weights of those without being shared out among the rest; null when none has.
 */
export function rating(components: RatingComponents): number | null {
  let weighted = 0;
  let weights = 0;
  for (const [name, weight] of Object.entries(RATING_WEIGHTS) as [keyof RatingComponents, number][]) {
    const value = components[name];
    if (value === null) continue;
    weighted += weight * value;
    weights += weight;
  }
  return weights > 0 ? round((100 * weighted) / weights, 1) : null;
}

/** Components rounded for showing (four decimals). */
export function roundedComponents(components: RatingComponents): RatingComponents {
  const out = { ...components };
  for (const name of Object.keys(out) as (keyof RatingComponents)[]) {
    const value = out[name];
    out[name] = value === null ? null : round(value, 4);
  }
  return out;
}
