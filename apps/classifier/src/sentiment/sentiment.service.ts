import { firedRules, lexiconRule, ruleSet, type RuleSet } from '../rules/lexicon-rule';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface SentimentDecision {
  readonly label: Sentiment;
  /** Lexicon balance in [-1, 1]: negative below zero. */
  readonly score: number;
  /** How far the balance is from neutral; an ordinal score, not a measured probability. */
  readonly confidence: number;
  readonly rules: readonly string[];
}

const NEGATIVE: RuleSet = ruleSet([
  lexiconRule('negative:anger', [
    'безобрази',
    'возмути',
    'возмущ',
    'позор',
    'беспредел',
    'бардак',
    'издевательств',
    'надоело',
    'сколько можно',
    'достали',
    'невозможно',
    'ужас',
    'кошмар',
    'отвратительн',
    'мерзк',
  ]),
  lexiconRule('negative:neglect', [
    'никто не',
    'ничего не дела',
    'не реагиру',
    'бездейств',
    'игнориру',
    'отписк',
    'до сих пор',
    'опять',
    'снова',
    'который (?:день|месяц|год)',
    'неделю',
    'месяцами',
    'годами',
  ]),
  lexiconRule('negative:condition', ['грязн', 'вонь', 'воня', 'смрад', 'разбит', 'сломан', 'не работает', 'не горит', 'разруш', 'ям[аыу]', 'мусор', 'опасн', 'плохо', 'плохое', 'ужасн']),
]);

const POSITIVE: RuleSet = ruleSet([
  lexiconRule('positive:gratitude', ['спасибо', 'благодар', 'признател', 'молодц', 'спс']),
  lexiconRule('positive:praise', [
    'отличн',
    'прекрасн',
    'замечательн',
    'оперативн',
    'быстро (?:убрал|сделал|отреагирова|устранил)',
    'хорош[а-я]* работ',
    'стало лучше',
    'наконец-то (?:сделал|убрал|отремонтирова)',
  ]),
]);

/** Lexicon balance with a little weight for exclamations; enough to route tone, not to judge people. */
export function assessSentiment(folded: string): SentimentDecision {
  const negative = firedRules(NEGATIVE, folded);
  const positive = firedRules(POSITIVE, folded);
  const exclamations = Math.min(3, (folded.match(/!/g) ?? []).length);
  const raw = positive.length - negative.length - (negative.length > 0 ? exclamations * 0.25 : 0);
  const score = Math.max(-1, Math.min(1, raw / 2));
  const label: Sentiment = score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
  const confidence = label === 'neutral' ? 0.5 + (0.25 - Math.abs(score)) : 0.5 + Math.abs(score) / 2;
  return { label, score, confidence: Math.min(0.95, confidence), rules: [...negative, ...positive] };
}
