import { lexiconRule, ruleSet, type LexiconRule, type RuleSet } from '../rules/lexicon-rule';

/** A lexicon rule that raises one topic, unless the text also matches `unless`. */
export interface TopicRule {
  readonly topic: string;
  readonly when: LexiconRule;
  readonly unless?: LexiconRule;
}

/** Graffiti and stuck-on ads: on a building-site fence the portal files them as graffiti as often as not. */
const DEFACEMENT = lexiconRule('defacement', ['граффит', 'графит', 'надпис', 'рисун', 'реклам', 'объявлен']);

/** The road sign "остановка запрещена" (no stopping) is traffic control, not a public-transport stop. */
const NO_STOPPING_SIGN = lexiconRule('no-stopping-sign', ['остановк[а-я]* (?:и стоянк[а-я]* )?запрещ']);

/**
 * Topics too small for the model to learn (a few dozen training appeals each) but named by a few
 * unambiguous phrases. A rule raises its topic, it does not decide alone (see `decideTopic`).
 */
export const TOPIC_RULES: readonly TopicRule[] = [
  {
    // Signs, timetables and arrival boards at public-transport stops ("ИЗО" = информационный знак остановки).
    topic: 'transport.stops',
    when: lexiconRule('topic:transport.stops', [
      'опор[а-я]* (?:с )?(?:изо|информацион|расписан|знак[а-я]* остановк)',
      '(?:знак|табличк|табл|полотн|щит|стенд|доск|указател)[а-я]* (?:[а-я]+ ){0,2}(?:остановк|остановочн|о транспорт|общественного транспорт|с расписани|маршрут)',
      // A timetable is nearly always a stop's; the model outweighs the rare cleaning rota or playbill.
      'расписани',
      'табло (?:[а-я]+ ){0,3}(?:транспорт|прибыти|автобус)',
      'электронн[а-я]* табло',
    ]),
    unless: NO_STOPPING_SIGN,
  },
  {
    // Building-site fences and gates.
    topic: 'other.construction',
    when: lexiconRule('topic:other.construction', [
      'строительн[а-я]* (?:забор|площад[ко]|ограждени|ворот)',
      'ограждени[а-я]* (?:[а-я]+ ){0,2}(?:стройплощад|строительн|стройк|стр\\. площад)',
      'забор[а-я]* (?:[а-я]+ ){0,2}(?:стройк|стройплощад|строительн)',
      'стройплощад',
      'временн[а-я]* (?:ограждени|забор)',
    ]),
    unless: DEFACEMENT,
  },
];

const ANY_TOPIC_RULE: RuleSet = ruleSet(TOPIC_RULES.map((rule) => rule.when));

/** The topic rules that fire on `folded` (lower case, ё → е), in the order given. */
export function firedTopicRules(folded: string): TopicRule[] {
  if (!ANY_TOPIC_RULE.any.test(folded)) return [];
  return TOPIC_RULES.filter((rule) => rule.when.pattern.test(folded) && !rule.unless?.pattern.test(folded));
}
