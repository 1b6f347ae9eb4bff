import { lexiconRule, ruleSet, type LexiconRule, type RuleSet } from '../rules/lexicon-rule';

/** A lexicon rule that raises its topics, unless the text also matches `unless`; the model chooses among them. */
export interface TopicRule {
  readonly topics: readonly string[];
  readonly when: LexiconRule;
  readonly unless?: LexiconRule;
}

/** The road sign "остановка запрещена" (no stopping) is traffic control, not a public-transport stop. */
const NO_STOPPING_SIGN = lexiconRule('no-stopping-sign', ['остановк[а-я]* (?:и стоянк[а-я]* )?запрещ']);

/** Up to a short clause between two words of a rule. */
const NEAR = '[^.!?]{0,60}';
const SNOW = '(?:снег|снеж|сугроб|налед|гололед|не (?:очищ|почищ|расчищ))';
const LITTER = '(?:мусор|грязь|грязн|урн[аыуе]|бутыл|окурк)';
const DEFACED = '(?:граффит|графит|надпис|рисун|реклам|объявлен|листовк|наклейк)';
const FENCE = '(?<![а-я])(?:забор|ограждени)';

/** Graffiti and stuck-on ads: on a building-site fence the portal files them as defacement nine times in ten. */
const DEFACEMENT = lexiconRule('defacement', [DEFACED]);

/**
 * Topics too small for the model to learn (a few dozen training appeals each) but named by a few
 * unambiguous phrases; and appeals whose place misleads the model: snow and litter at a stop (the
 * model, taught public-transport topics by other regions' data, files them as transport), defacement
 * of a fence (filed as the building site's fence, the word the model ties to it). A rule
 * raises its topic, it does not decide alone (see `decideTopic`).
 */
export const TOPIC_RULES: readonly TopicRule[] = [
  {
    // Signs, timetables and arrival boards at public-transport stops ("ИЗО" = информационный знак остановки).
    topics: ['transport.stops'],
    when: lexiconRule('topic:transport.stops', [
      'опор[а-я]* (?:с )?(?:изо|информацион|расписан|знак[а-я]* остановк)',
      '(?:знак|табличк|табл|полотн|щит|стенд|доск|указател)[а-я]* (?:[а-я]+ ){0,2}(?:остановк|остановочн|о транспорт|общественного транспорт|с расписани|маршрут)',
      // A timetable is nearly always a stop's; the model outweighs the rare cleaning rota or playbill.
      'расписани',
      'табло (?:[а-я]+ ){0,3}(?:транспорт|прибыти|автобус|остановк)',
    ]),
    unless: NO_STOPPING_SIGN,
  },
  {
    // Snow and ice at a stop: clearing it is snow removal, the stop is only the place.
    topics: ['landscaping.snow_ice'],
    when: lexiconRule('topic:landscaping.snow_ice@stop', [
      `остановк[а-я]*${NEAR}${SNOW}`,
      `${SNOW}${NEAR}остановк`,
      `(?:убран|убира|уборк)[а-я]*${NEAR}остановк`,
      `остановк[а-я]*${NEAR}(?:не |плохо )?(?:убран|убира|уборк)`,
    ]),
  },
  {
    // Graffiti, bills and ads on a fence, a building site's too: the portal files nine in ten as defacement.
    topics: ['landscaping.graffiti', 'landscaping.advertising'],
    when: lexiconRule('topic:defacement@fence', [`${DEFACED}${NEAR}${FENCE}`, `${FENCE}${NEAR}${DEFACED}`]),
  },
  {
    // Litter at a stop is a waste topic (litter or bins).
    topics: ['waste.litter', 'waste.containers'],
    when: lexiconRule('topic:waste@stop', [`остановк[а-я]*${NEAR}${LITTER}`, `${LITTER}${NEAR}остановк`]),
  },
  {
    // Building-site fences and gates.
    topics: ['other.construction'],
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
