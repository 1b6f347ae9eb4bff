import { foldCase } from '@otklik/text';

/**
 * Signals that an agency's answer is a formal non-answer («отписка»). Each signal is phrased so
 * that its presence points towards a non-answer; the calibrated model decides how much each weighs.
 */
export const ANSWER_SIGNALS = [
  'no-concrete-action',
  'no-date',
  'no-action-no-date',
  'legal-references',
  'legal-references-only',
  'noted-only',
  'vague-promise',
  'redirect',
  'denial-without-action',
  'explanation-without-action',
  'too-short',
] as const;
export type AnswerSignal = (typeof ANSWER_SIGNALS)[number];

// JavaScript's \\b knows only ASCII letters; this is the same word edge for Russian text.
const W = '[а-яa-z0-9]';
const EDGE = `(?:(?<!${W})(?=${W})|(?<=${W})(?!${W}))`;
/** Joins alternatives into one pattern, with \\b and \\w made to work on Cyrillic. */
const words = (parts: string[], flags = ''): RegExp => new RegExp(parts.join('|').replace(/\\b/g, EDGE).replace(/\\w/g, W), flags);

/** Past-tense reports of work done: «устранено», «выполнены работы», «спилено дерево». */
const ACTION = words([
  'устранен',
  'выполнен',
  'произведен',
  'проведен[аоы]? (работ|уборк|ремонт|обработк|осмотр|очистк|замен|покраск|промывк|дезинфекц)',
  'отремонтирован',
  'восстановлен',
  'заменен',
  'убран[аоы]?\\b',
  'вывезен',
  'демонтирован',
  'очищен',
  'ликвидирован',
  'удален[аоы]?\\b',
  'покрашен',
  'окрашен',
  'засыпан',
  'спилен',
  'закрыт[аоы]?\\b',
  'приведен[аоы]? в (надлежащ|нормативн|порядок)',
  'нанесен',
  'обработан',
  'отключен',
  'подключен',
  'установлен[аоы]?\\b(?!,? что)',
  'смонтирован',
  'починен',
  'закреплен',
  'вымыт',
  'отмыт',
  'скошен',
  'вырезан',
  'прочищен',
  'откачан',
  'заделан',
  'уложен',
  'перенесен',
  'эвакуирован',
  'составлен (акт|протокол)',
  'выдано предписание',
  'направлено предписание',
  'привлечен[аоы]? к',
  'работ[аы] (выполнен|проведен|произведен)',
  'проблема (решена|устранена)',
  'решена',
]);

/** A date or a deadline: «до 15.05.2021», «в мае», «во II квартале 2021 года», «в течение 10 дней». */
const DATE = words([
  '\\b\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4})\\b',
  '\\b\\d{1,2}\\s+(январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)',
  '\\bв (январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)',
  '\\b(i|ii|iii|iv|[1-4])[ -]?(м|ом)?\\s*квартал',
  '\\b20\\d\\d\\s*(г\\b|года?\\b)',
  'в течение \\d+',
  'в срок до',
  '\\bсегодня\\b',
  '\\bзавтра\\b',
  'на (этой|следующей) неделе',
  'в ближайшие \\d+',
]);

/** Citations of laws, regulations and standards. Global: they are counted. */
const LEGAL = words(
  [
    'постановлени[еяюи]\\s+(правительства|администрации|госстроя|главного)',
    'федеральн\\w* закон',
    '\\bзакон\\w* (санкт|рф|российской)',
    '\\bст\\.\\s*\\d',
    'стать[ейяиюь]\\s+\\d',
    '\\bп\\.\\s*\\d',
    'пункт\\w*\\s+\\d',
    '\\bгост\\b',
    '\\bснип\\b',
    '\\bсанпин\\b',
    '\\bсп\\s+\\d',
    'правил\\w* (содержания|благоустройства|предоставления|пользования|и норм)',
    'кодекс\\w*',
    'регламент\\w*',
    '№\\s*\\d+[-–]?\\s*(фз|пп|р)\\b',
  ],
  'g',
);

const NOTED = words(['принят[аоы]? к сведению', 'взят[аоы]? (на|под) контроль', 'информация (учтена|принята)', 'будет учтен', '\\bучтено', '(обращение|сообщение) (рассмотрено|принято)\\.?$']);
const VAGUE_PROMISE = words([
  'будет рассмотрен',
  'будут рассмотрен',
  'по мере (возможност|финансирован|поступлен)',
  'в порядке очередност',
  'при (наличии|выделении|поступлении) (финансирован|средств|денежн|бюджетн)',
  'рассмотрен\\w* (вопрос|возможност)',
  'планируется',
  'запланирован',
  'будет (выполнен|проведен|произведен|организован|устранен)',
  'будут (выполнен|проведен|произведен)',
  'включен\\w* в (план|адресн|программ|перечень)',
]);
const REDIRECT = words([
  'рекомендуем обратиться',
  'вправе обратиться',
  '(необходимо|следует|можете|надлежит) обратиться',
  'не (входит|относится) (в|к) (компетенц|полномоч|ведени)',
  'вне компетенц',
  'переадресован',
  'направлен\\w* (для рассмотрения|по принадлежности)',
  'не обслуживает',
  'не (находится|состоит) на балансе',
  'не является (балансодержател|собственник|управляющ)',
]);
const DENIAL = words([
  'не подтвердил',
  'не подтвержден',
  'не выявлен',
  'нарушени\\w* не (выявлен|обнаружен|установлен)',
  'в (надлежащем|удовлетворительном|рабочем|исправном|нормативном|работоспособном|технически исправном)( \\w+)? состоянии',
  'соответствует (требованиям|нормам|нормативам|санпин)',
  'оснований для .{0,40}не имеется',
  'не является нарушением',
  '\\bотсутству(ет|ют)\\b',
]);
const EXPLANATION = words(['разъясняем', 'обращаем ваше внимание', 'сообщаем,? что', 'информируем,? что', 'доводим до вашего сведения']);

/** Lower-cased text with «ё» folded and whitespace collapsed, the form all patterns expect. */
export function normaliseAnswer(text: string): string {
  return foldCase(text).replace(/\s+/g, ' ').trim();
}

/** Count of legal citations in a normalised text. */
export function countLegalReferences(normalised: string): number {
  return normalised.match(LEGAL)?.length ?? 0;
}

/** The signals present in an answer, in the order of ANSWER_SIGNALS. */
export function detectSignals(text: string): AnswerSignal[] {
  const t = normaliseAnswer(text);
  const action = ACTION.test(t);
  const dated = DATE.test(t);
  const legal = countLegalReferences(t);
  const present: Record<AnswerSignal, boolean> = {
    'no-concrete-action': !action,
    'no-date': !dated,
    'no-action-no-date': !action && !dated,
    'legal-references': legal >= 2,
    'legal-references-only': legal >= 1 && !action,
    'noted-only': NOTED.test(t) && !action,
    'vague-promise': VAGUE_PROMISE.test(t) && !dated,
    redirect: REDIRECT.test(t),
    'denial-without-action': DENIAL.test(t) && !action,
    'explanation-without-action': EXPLANATION.test(t) && !action,
    // Why 60: a bare «Принято.» or «Рассмотрено» says nothing; real reports are longer.
    'too-short': t.length < 60 && !action,
  };
  return ANSWER_SIGNALS.filter((s) => present[s]);
}
