import { Agency } from '../agencies/agency.model';
import { HistoryModel } from '../history/history-model';
import { answeringOrg, spbObservations, spbSourceLabel, spbTerritoryOf, type SpbTopics } from '../history/spb-training';
import { SpbAppeal } from '../history/spb-appeals.reader';
import { buildRoutingEngine, RoutingData } from '../routing/routing-snapshot';
import { RoutingEngine } from '../routing/routing-engine';
import { Decision, RoutingInput } from '../routing/routing.model';
import { splitByTime } from './time-split';

export interface EvaluationOptions {
  /** Length of the validation window: the latest days of the file. */
  validationDays: number;
  /** Score (and learn from) appeals that have only an interim answer, labelled by its author. */
  includeInterim: boolean;
}

/** Hits over a count. */
export interface Score {
  n: number;
  correct: number;
  accuracy: number;
}

export interface RoutingEvaluation {
  trainAppeals: number;
  validationAppeals: number;
  cut: string;
  skipped: { noLabel: number; unmappedReason: number; unknownDistrict: number; labelNotInDirectory: number };
  /** The router's decision (rules, then history, triage counted as wrong) against the answering organisation. */
  routing: Score;
  /** Share of validation appeals the router sent to an agency (not triage). */
  coverage: number;
  /** Accuracy over the appeals that were sent to an agency. */
  routedAccuracy: number;
  byMethod: Record<string, Score>;
  /** Learned routing alone (top suggestion), with the portal's reasons as the finest topic key. */
  historyWithReasons: Score;
  /** Learned routing alone, knowing only Otklik's topic (what a classified social-media post gives). */
  historyTopicOnly: Score;
  /** Majority answering organisation per portal reason and district in the training part. */
  baselineMajority: Score;
  /** Each rule's hits when it decided. */
  byRule: Record<string, Score>;
  confusions: { expected: string; got: string; count: number }[];
}

function score(correct: number, n: number): Score {
  return { n, correct, accuracy: n === 0 ? 0 : correct / n };
}

interface Case {
  appeal: SpbAppeal;
  input: RoutingInput;
  expected: Agency;
}

function trainEngine(data: Omit<RoutingData, 'history'>, history: HistoryModel): RoutingEngine {
  return buildRoutingEngine({ ...data, history });
}

/**
 * Routing accuracy on a time-ordered split of SPb portal appeals: history is learned from the
 * earlier part; each appeal of the latest days is routed as a new incident (its portal category,
 * reason and district as the classifier's output) and compared with the organisation that answered.
 */
export function evaluateRouting(appeals: readonly SpbAppeal[], topics: SpbTopics, data: Omit<RoutingData, 'history'>, options: EvaluationOptions): RoutingEvaluation {
  const split = splitByTime(appeals, (a) => a.submittedAt, options.validationDays);
  const base = buildRoutingEngine(data);
  const directory = base.agencies;
  const observe = (withSourceLabels: boolean): HistoryModel =>
    HistoryModel.train(spbObservations(split.train, topics, directory, { withSourceLabels, includeInterim: options.includeInterim }), { description: 'training part', appeals: split.train.length });
  const engine = trainEngine(data, observe(true));
  const topicOnly = trainEngine(data, observe(false));
  const majority = majorityByReason(split.train, options.includeInterim);

  const skipped = { noLabel: 0, unmappedReason: 0, unknownDistrict: 0, labelNotInDirectory: 0 };
  const cases: Case[] = [];
  for (const appeal of split.validation) {
    const org = answeringOrg(appeal, options.includeInterim);
    if (!org) {
      skipped.noLabel++;
      continue;
    }
    const topicCode = topics.spbTopic(appeal.category, appeal.reason);
    if (!topicCode) {
      skipped.unmappedReason++;
      continue;
    }
    const territoryCode = spbTerritoryOf(appeal, directory);
    if (!territoryCode) {
      skipped.unknownDistrict++;
      continue;
    }
    const expected = directory.byNameOrAlias(org);
    if (!expected) {
      skipped.labelNotInDirectory++;
      continue;
    }
    const input: RoutingInput = {
      topicCode,
      topicConfidence: 1,
      sourceLabels: [spbSourceLabel(appeal)],
      territoryCode,
      text: appeal.text,
      urgency: 'normal',
      at: appeal.submittedAt,
    };
    cases.push({ appeal, input, expected });
  }

  let routedCorrect = 0;
  let routed = 0;
  let historyCorrect = 0;
  let topicOnlyCorrect = 0;
  let baselineCorrect = 0;
  const methods = new Map<string, { n: number; correct: number }>();
  const rules = new Map<string, { n: number; correct: number }>();
  const confusions = new Map<string, number>();
  for (const c of cases) {
    const outcome = engine.decide(c.input);
    const decision: Decision | undefined = outcome.kind === 'agency' ? outcome.decision : undefined;
    const hit = decision?.agencyId === c.expected.id;
    const method = decision?.method ?? 'triage';
    const m = methods.get(method) ?? { n: 0, correct: 0 };
    methods.set(method, { n: m.n + 1, correct: m.correct + (hit ? 1 : 0) });
    if (decision?.ruleId) {
      const r = rules.get(decision.ruleId) ?? { n: 0, correct: 0 };
      rules.set(decision.ruleId, { n: r.n + 1, correct: r.correct + (hit ? 1 : 0) });
    }
    if (decision) routed++;
    if (hit) routedCorrect++;
    else {
      const key = `${c.expected.name}\u0000${decision ? (directory.get(decision.agencyId)?.name ?? decision.agencyId) : 'очередь разбора'}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (outcome.suggestions[0]?.agencyId === c.expected.id) historyCorrect++;
    if (topicOnly.decide({ ...c.input, sourceLabels: [] }).suggestions[0]?.agencyId === c.expected.id) topicOnlyCorrect++;
    const guess = majority.get(`${c.appeal.category} / ${c.appeal.reason} / ${c.appeal.district}`);
    if (guess !== undefined && directory.byNameOrAlias(guess)?.id === c.expected.id) baselineCorrect++;
  }
  const n = cases.length;
  return {
    trainAppeals: split.train.length,
    validationAppeals: split.validation.length,
    cut: split.cut.toISOString(),
    skipped,
    routing: score(routedCorrect, n),
    coverage: n === 0 ? 0 : routed / n,
    routedAccuracy: routed === 0 ? 0 : routedCorrect / routed,
    byMethod: Object.fromEntries([...methods].map(([k, v]) => [k, score(v.correct, v.n)])),
    historyWithReasons: score(historyCorrect, n),
    historyTopicOnly: score(topicOnlyCorrect, n),
    baselineMajority: score(baselineCorrect, n),
    byRule: Object.fromEntries([...rules].map(([k, v]) => [k, score(v.correct, v.n)])),
    confusions: [...confusions]
      .map(([k, count]) => {
        const [expected, got] = k.split('\u0000');
        return { expected, got, count };
      })
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
  };
}

/** The most frequent answering organisation of each portal reason in each district (a baseline to beat). */
function majorityByReason(appeals: readonly SpbAppeal[], includeInterim: boolean): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const a of appeals) {
    const org = answeringOrg(a, includeInterim);
    if (!org) continue;
    const key = `${a.category} / ${a.reason} / ${a.district}`;
    const cell = counts.get(key) ?? new Map<string, number>();
    cell.set(org, (cell.get(org) ?? 0) + 1);
    counts.set(key, cell);
  }
  return new Map([...counts].map(([k, cell]) => [k, [...cell].sort((a, b) => b[1] - a[1])[0][0]]));
}
