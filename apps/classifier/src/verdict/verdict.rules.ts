import type { Verdict } from '@otklik/contracts';
import { foldCase } from '@otklik/text';
import { toPlainText } from '../text/plain-text';

/** Version of the rules below; a verdict names the version that decided it. */
export const VERDICT_RULES_VERSION = 'verdict-rules@1';

/** A reply's verdict on the answer it follows, with what decided it. */
export interface VerdictDecision {
  readonly verdict: Verdict;
  /** Rule strength in [0, 1]: no labelled replies exist to calibrate it, so it orders, not measures. */
  readonly confidence: number;
  readonly signals: readonly string[];
}

/** What the recogniser reads: the reply's text and whether it brings a photo. */
export interface VerdictInput {
  readonly text: string;
  readonly hasPhoto: boolean;
}

// `\b` does not see Cyrillic letters; a word start is spelled out.
const START = '(?<![а-яa-z0-9])';
// A done-word right after these is negated or not done yet: «не сделали», «будет сделано», «когда починят».
const NOT_YET = '(?<!(?:не|ни|будет|будут|когда|если|обещали|обещают)\\s)';

function words(patterns: readonly string[], guard = ''): RegExp {
  return new RegExp(`${guard}${START}(?:${patterns.join('|')})`);
}

/** Past forms of the work being done: «сделали», «убрано», «починили», «вывезли». */
const DONE_FORMS = [
  'сделал[аио]?',
  'сделан[оаы]?',
  'убрал[аи]?',
  'убран[оаы]?',
  'почин(?:ил[аи]?|ен[оаы]?)',
  'отремонтир(?:овал[аи]?|ован[оаы]?)',
  'вывез(?:ли|ла|ен[оаы]?)?',
  'устран(?:ил[аи]?|ен[оаы]?)',
  'замен(?:ил[аи]?|ен[оаы]?)',
  'восстанов(?:ил[аи]?|лен[оаы]?)',
  'исправ(?:ил[аи]?|лен[оаы]?)',
  'покрас(?:ил[аи]?|ил|ен[оаы]?)',
  'засыпал[аи]?',
  'залатал[аи]?',
  'заасфальтир(?:овал[аи]?|ован[оаы]?)',
  'подключ(?:ил[аи]?|ен[оаы]?)',
  'включ(?:ил[аи]?|ен[оаы]?)',
  'откачал[аи]?',
  'спилил[аи]?',
  'вычистил[аи]?',
  'почистил[аи]?',
  'очистил[аи]?',
  'покосил[аи]?',
  'скосил[аи]?',
  'отчистил[аи]?',
  'заделал[аи]?',
  'установил[аи]?',
  'поставил[аи]?',
  'дали (?:свет|воду|тепло|отопление|горяч)',
  'появил(?:ся|ась|ось|ись) (?:свет|вода|тепло|отопление|горяч)',
];

/** The work is done, in words that can be negated («не сделали» is guarded by NOT_YET). */
const DONE = words([...DONE_FORMS, 'работа(?:ет|ют)', 'горит', 'горят'], NOT_YET);
/** The matter is settled, said outright. */
const SETTLED = words(['(?:вопрос|проблема) (?:решен|решена|снят|закрыт)', 'решили (?:вопрос|проблему)', 'все (?:хорошо|отлично|в порядке|нормально|чисто)', 'теперь (?:чисто|светло|тепло|все)']);
const THANKS = words(['спасибо', 'благодар', 'признател', 'молодц', 'спс']);

/** The work is not done: a negated done-word, «ничего не …», «так и не …», «никто не приходил». */
const NOT_DONE = words([
  `(?:ничего )?не (?:${DONE_FORMS.join('|')})`,
  'ничего не (?:изменил|поменял|делают|делает|сдела)',
  'так и не',
  'никто не (?:приходил|пришел|приехал|появлял|был)',
  'никого не было',
  'не работа(?:ет|ют)',
  'не горит',
  'не горят',
  '(?:вопрос|проблема) не (?:решен|решена)',
  'не решен',
  'не до конца',
  'частично',
  'наполовину',
]);
/** Nothing changed: «до сих пор», «по-прежнему», «всё так же», «как лежало, так и лежит». */
const UNCHANGED = words([
  'до сих пор',
  'по-прежнему',
  'по прежнему',
  'все (?:так же|также|то же|тоже самое|как было)',
  'как (?:было|был|была|были|лежал|лежит|стоял|стоит|висит|висел)',
  'ничего не изменилось',
  'воз и ныне',
]);
/** The answer is called untrue or a formal non-answer. */
const FALSE_ANSWER = words(['неправда', 'ложь', 'вранье', 'врете', 'врут', 'обман', 'отписк', 'это не так', 'фейк', 'туфта']);
/** Thanks turned into its opposite: «не спасибо», «спасибо за ничего». */
const NEGATED_THANKS = words(['не спасибо', 'спасибо за ничего', 'спасибо,? что ничего']);
/** The problem is back: weak alone («снова можно гулять» is thanks), decisive after a contrast. */
const AGAIN = words(['опять', 'снова', 'вновь', 'повторно', 'еще хуже', 'стало хуже']);
/** «…, но …»: what follows outweighs the thanks before it. */
const CONTRAST = /(?<![а-яa-z0-9])(?:но|однако|только вот|а вот|к сожалению|хотя)(?![а-яa-z0-9])/;
/** Courtesies that thank for the answer, not for the work: they confirm nothing on their own. */
const COURTESY = /(?:спасибо|благодарю|благодарим) за (?:ответ|информацию|внимание|разъяснени[ея])/g;

const STRONG_DISPUTES: readonly (readonly [string, RegExp])[] = [
  ['dispute:negated-thanks', NEGATED_THANKS],
  ['dispute:not-done', NOT_DONE],
  ['dispute:unchanged', UNCHANGED],
  ['dispute:false-answer', FALSE_ANSWER],
];

function fired(rules: readonly (readonly [string, RegExp])[], text: string): string[] {
  return rules.filter(([, pattern]) => pattern.test(text)).map(([id]) => id);
}

function disputed(signals: string[], confidence: number): VerdictDecision {
  return { verdict: 'disputed', confidence, signals };
}

/** What follows the last contrast word, if there is one. */
function afterContrast(folded: string): string | undefined {
  const match = CONTRAST.exec(folded);
  return match ? folded.slice(match.index + match[0].length) : undefined;
}

/**
 * Reads a citizen's reply to an answer. A dispute outweighs thanks: «спасибо, но ничего не
 * сделали» disputes, and so does a new photo sent without a word of the work being done. A reply
 * that says neither (a question, chat) gives no verdict.
 */
export function recogniseVerdict(input: VerdictInput): VerdictDecision | undefined {
  const folded = foldCase(toPlainText(input.text));
  const strong = fired(STRONG_DISPUTES, folded);
  if (strong.length > 0) return disputed(strong, strong.length > 1 ? 0.95 : 0.9);
  const tail = afterContrast(folded);
  if (tail !== undefined && AGAIN.test(tail)) return disputed(['dispute:but-again'], 0.85);
  const thanks = THANKS.test(folded.replace(COURTESY, ' '));
  const question = folded.includes('?');
  const done = !question && (DONE.test(folded) || SETTLED.test(folded));
  if (done || thanks) {
    const signals = [...(done ? ['confirm:done'] : []), ...(thanks ? ['confirm:thanks'] : [])];
    return { verdict: 'confirmed', confidence: done && thanks ? 0.9 : done ? 0.8 : 0.65, signals };
  }
  if (AGAIN.test(folded)) return disputed(['dispute:again'], 0.7);
  if (input.hasPhoto) return disputed(['dispute:photo'], 0.6);
  return undefined;
}
