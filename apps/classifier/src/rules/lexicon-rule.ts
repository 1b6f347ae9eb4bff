/**
 * A named lexicon rule over folded text (lower case, ё → е). Each pattern is a regular-expression
 * fragment anchored at a word start; a rule fires when any of its patterns occurs.
 */
export interface LexiconRule {
  readonly id: string;
  readonly pattern: RegExp;
}

/** `\b` does not see Cyrillic letters, so word starts are spelled out. */
const WORD_START = '(?<![а-яa-z0-9])';

/** Compiles a rule; patterns are alternatives, each matched from the start of a word. */
export function lexiconRule(id: string, patterns: readonly string[]): LexiconRule {
  return { id, pattern: new RegExp(`${WORD_START}(?:${patterns.join('|')})`) };
}

/** Rules checked together: one pass decides whether any fires, so a quiet text costs one test. */
export interface RuleSet {
  readonly rules: readonly LexiconRule[];
  readonly any: RegExp;
}

/** Groups rules for `firedRules`. */
export function ruleSet(rules: readonly LexiconRule[]): RuleSet {
  return { rules, any: new RegExp(`${WORD_START}(?:${rules.map((r) => r.pattern.source.slice(WORD_START.length)).join('|')})`) };
}

/** Ids of the rules that fire on `folded`, in the order given. */
export function firedRules(set: RuleSet, folded: string): string[] {
  if (!set.any.test(folded)) return [];
  const fired: string[] = [];
  for (const rule of set.rules) if (rule.pattern.test(folded)) fired.push(rule.id);
  return fired;
}

/**
 * Ordinal strength of a decision backed by `count` independent rules: `base` for one rule, and
 * each further rule closes a third of the remaining gap to 1.
 */
export function ruleStrength(count: number, base: number): number {
  return 1 - (1 - base) * Math.pow(2 / 3, Math.max(0, count - 1));
}
