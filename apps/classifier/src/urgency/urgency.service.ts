import { firedRules, ruleStrength } from '../rules/lexicon-rule';
import { EMERGENCY_RULES, HIGH_RULES, OUTAGE_RULES } from './urgency.rules';

export type Urgency = 'emergency' | 'high' | 'normal';

/** Urgency with the rules that decided it. */
export interface UrgencyDecision {
  readonly level: Urgency;
  /**
   * Rule strength in [0, 1]: more independent rules → more certain. There is no labelled urgency
   * data to calibrate against, so this is an ordinal score, not a measured probability.
   */
  readonly confidence: number;
  readonly rules: readonly string[];
}

/**
 * Whether `at` falls in the heating season, when a utility outage endangers health. Russian
 * regions run heating from about the start of October to the end of April.
 */
export function inHeatingSeason(at: Date): boolean {
  const month = at.getUTCMonth();
  return month >= 9 || month <= 3;
}

/** Lexicon rules beat the model here: urgency words are few, explicit and costly to miss. */
export function assessUrgency(folded: string, at: Date): UrgencyDecision {
  const emergency = firedRules(EMERGENCY_RULES, folded);
  const outages = firedRules(OUTAGE_RULES, folded);
  const high = firedRules(HIGH_RULES, folded);
  const winter = inHeatingSeason(at);
  if (emergency.length > 0 || (winter && outages.length > 0)) {
    const rules = [...emergency, ...outages.map((o) => (winter ? `${o}-in-heating-season` : o)), ...high];
    return { level: 'emergency', confidence: ruleStrength(rules.length, 0.75), rules };
  }
  if (outages.length > 0 || high.length > 0) {
    const rules = [...outages, ...high];
    return { level: 'high', confidence: ruleStrength(rules.length, 0.65), rules };
  }
  return { level: 'normal', confidence: 0.8, rules: [] };
}
