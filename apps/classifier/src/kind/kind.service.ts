import { firedRules, ruleStrength } from '../rules/lexicon-rule';
import { ADVERTISING_RULES, COMPLAINT_RULES, CONTRAST_RULES, QUESTION_RULES, THANKS_RULES, WEAK_PROBLEM_RULES } from './kind.rules';

export type PostKind = 'complaint' | 'question' | 'thanks' | 'other';

/** Why a post is not routed as an incident. */
export type DismissalReason = 'gratitude' | 'advertising' | 'no-problem-stated' | 'empty';

export interface KindDecision {
  readonly kind: PostKind;
  /** Rule strength in [0, 1]; no labelled kinds exist to calibrate it, so it orders, not measures. */
  readonly confidence: number;
  readonly rules: readonly string[];
  /** Set when the post is not actionable. */
  readonly dismissal?: DismissalReason;
}

/** What the topic model says about the same text: a confident topic is itself evidence of a problem. */
export interface TopicEvidence {
  readonly confidence: number;
}

const MIN_LETTERS = 3;
/** Below this many words and with no sign of a problem, a post says nothing to act on. */
const MIN_WORDS_WITHOUT_SIGNAL = 4;
const TOPIC_EVIDENCE = 0.3;
/** Closing courtesies ("заранее спасибо") thank in advance, they are not gratitude for work done. */
const COURTESY = /заранее (?:спасибо|благодар[а-я]*)|(?:спасибо|благодарю) за (?:внимание|понимание|ответ)/g;

/**
 * Complaint, question, thanks or other. A post is dismissed only on positive evidence — thanks
 * with no problem in it, advertising, an empty or very short text with no sign of a problem —
 * because dismissing a real appeal costs more than routing a chat message.
 */
export function decideKind(folded: string, topic: TopicEvidence): KindDecision {
  const letters = folded.match(/[а-яa-z]/g)?.length ?? 0;
  if (letters < MIN_LETTERS) return { kind: 'other', confidence: 0.95, rules: ['other:empty'], dismissal: 'empty' };
  const complaint = firedRules(COMPLAINT_RULES, folded);
  const advertising = firedRules(ADVERTISING_RULES, folded);
  if (advertising.length > 0 && complaint.length === 0) return { kind: 'other', confidence: 0.7, rules: advertising, dismissal: 'advertising' };
  const thanks = firedRules(THANKS_RULES, folded.replace(COURTESY, ' '));
  const hasQuestionMark = folded.includes('?');
  // Thanks that mention the problem that was fixed ("спасибо за уборку мусора") stay thanks.
  const statesProblem = complaint.some((rule) => rule !== 'complaint:condition') || firedRules(CONTRAST_RULES, folded).length > 0;
  if (thanks.length > 0 && !statesProblem && !hasQuestionMark) return { kind: 'thanks', confidence: ruleStrength(thanks.length, 0.7), rules: thanks, dismissal: 'gratitude' };
  const confidentTopic = topic.confidence >= TOPIC_EVIDENCE ? ['complaint:confident-topic'] : [];
  if (complaint.length > 0) {
    const rules = [...complaint, ...confidentTopic];
    return { kind: 'complaint', confidence: ruleStrength(rules.length, 0.7), rules };
  }
  const question = firedRules(QUESTION_RULES, folded);
  if (question.length > 0 || hasQuestionMark) {
    const rules = hasQuestionMark ? [...question, 'question:question-mark'] : question;
    return { kind: 'question', confidence: ruleStrength(rules.length, 0.65), rules };
  }
  const weak = [...firedRules(WEAK_PROBLEM_RULES, folded), ...confidentTopic];
  if (weak.length > 0) return { kind: 'complaint', confidence: ruleStrength(weak.length, 0.6), rules: weak };
  const words = folded.split(/[^а-яa-z0-9]+/).filter(Boolean).length;
  if (words < MIN_WORDS_WITHOUT_SIGNAL) return { kind: 'other', confidence: 0.55, rules: ['other:no-problem-stated'], dismissal: 'no-problem-stated' };
  // A longer text with no sign either way: an appeal in words the lexicon lacks is likelier than chat.
  return { kind: 'complaint', confidence: 0.5, rules: ['complaint:default'] };
}
