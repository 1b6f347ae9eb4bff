import { AgencyDirectory } from '../agencies/agency-directory';
import { HistorySuggester } from '../history/history-suggester';
import { topicPathOf } from '../history/history-targets';
import { RuleEngine, RuleMatch } from '../rules/rule-engine';
import { Decision, RoutingInput, RoutingOutcome } from './routing.model';
import { DEFAULT_ROUTING_POLICY, RoutingPolicy } from '../config/policies';

function percent(p: number): string {
  return `${Math.round(p * 100)} %`;
}

function fromRule(match: RuleMatch): Decision {
  return {
    method: 'rule',
    agencyId: match.agency.id,
    coExecutorIds: match.coExecutors.map((a) => a.id),
    ruleId: String(match.rule.id),
    confidence: 1,
    explanation: match.explanation,
  };
}

/**
 * Decides where an incident goes: rules first (the management centre's word), learned routing
 * next, the triage queue when neither is sure. Every outcome carries its reasons and the ordered
 * alternatives used when an agency returns the incident. Pure: no I/O, one snapshot of the data.
 */
export class RoutingEngine {
  constructor(
    readonly agencies: AgencyDirectory,
    private readonly rules: RuleEngine,
    private readonly history: HistorySuggester | undefined,
    readonly policy: RoutingPolicy = DEFAULT_ROUTING_POLICY,
  ) {}

  decide(input: RoutingInput): RoutingOutcome {
    const territory = input.territoryCode ? this.agencies.territories.get(input.territoryCode) : undefined;
    if (!territory) return this.triage(input, 'место не определено: территория не найдена в справочнике', [], []);
    const territoryCode = territory.code;
    const suggestions = this.suggestions(input, territoryCode);
    if (input.topicConfidence < this.policy.minTopicConfidence) {
      const reason = `тема ${input.topicCode} определена неуверенно (${percent(input.topicConfidence)} < ${percent(this.policy.minTopicConfidence)})`;
      return this.triage(input, reason, this.candidates([], suggestions), suggestions);
    }
    const evaluation = this.rules.evaluate({ topicCode: input.topicCode, territoryCode, text: input.text, urgency: input.urgency, at: input.at });
    const ruleDecisions = evaluation.matches.map(fromRule);
    if (evaluation.conflict) {
      const [a, b] = evaluation.conflict;
      const reason = `правила ${a.rule.id} и ${b.rule.id} равного ранга называют разные ведомства (${a.agency.name} / ${b.agency.name})`;
      return this.triage(input, reason, this.candidates(ruleDecisions, suggestions), suggestions);
    }
    const [chosen] = ruleDecisions;
    if (chosen) return this.routed(chosen, ruleDecisions, suggestions);
    const [best] = suggestions;
    if (best && best.confidence >= this.policy.minHistoryProbability) return this.routed(best, [], suggestions);
    const gaps = evaluation.unresolved.map((u) => `правило ${u.rule.id}: нет ведомства ${u.ref} для территории`);
    const why = best ? `ни одно правило не подходит; ${best.explanation} — ниже порога ${percent(this.policy.minHistoryProbability)}` : 'ни одно правило не подходит, истории похожих обращений нет';
    const listed = this.competentNames(input.topicCode, territoryCode);
    const hint = listed.length > 0 ? [`по справочнику тему ведут: ${listed.join(', ')}`] : [];
    return this.triage(input, [why, ...gaps, ...hint].join('; '), this.candidates([], suggestions), suggestions);
  }

  /**
   * Alternatives to the agencies already tried, best first: other rules, then learned
   * suggestions. The directory's topic lists are too coarse to send an incident on their own;
   * they are offered to the operator in triage (see `competentNames`).
   */
  candidates(rules: Decision[], suggestions: Decision[], exclude: readonly string[] = []): Decision[] {
    const out = new Map<string, Decision>();
    const add = (d: Decision): void => {
      if (!exclude.includes(d.agencyId) && !out.has(d.agencyId)) out.set(d.agencyId, d);
    };
    rules.forEach(add);
    suggestions.filter((s) => s.confidence >= this.policy.minCandidateProbability).forEach(add);
    return [...out.values()];
  }

  /** Names of agencies the directory lists for a topic on a territory (hints for triage). */
  competentNames(topicCode: string, territoryCode: string, exclude: readonly string[] = [], limit = 5): string[] {
    return this.agencies
      .competentFor(topicCode, territoryCode)
      .filter((a) => !exclude.includes(a.id))
      .slice(0, limit)
      .map((a) => a.name);
  }

  private suggestions(input: RoutingInput, territoryCode: string): Decision[] {
    if (!this.history) return [];
    return this.history.suggest({ topicPath: topicPathOf(input.topicCode, input.sourceLabels), territoryCode }, 5).map((s) => ({
      method: 'history',
      agencyId: s.agency.id,
      coExecutorIds: [],
      confidence: Number(s.probability.toFixed(4)),
      explanation: s.explanation,
    }));
  }

  private routed(chosen: Decision, rules: Decision[], suggestions: Decision[]): RoutingOutcome {
    const candidates = this.candidates(rules, suggestions, [chosen.agencyId]);
    return { kind: 'agency', decision: chosen, candidates, suggestions };
  }

  private triage(input: RoutingInput, reason: string, candidates: Decision[], suggestions: Decision[]): RoutingOutcome {
    const where = input.territoryCode && this.agencies.territories.get(input.territoryCode) ? input.territoryCode : input.regionCode && this.agencies.territories.regionByKey(input.regionCode)?.code;
    const centre = where ? this.agencies.managementCentreFor(where) : undefined;
    const decision: Decision | undefined = centre
      ? { method: 'triage', agencyId: centre.id, coExecutorIds: [], confidence: 0, explanation: `в очередь разбора ${centre.shortName ?? centre.name}: ${reason}` }
      : undefined;
    return { kind: 'triage', decision, triageReason: reason, candidates: candidates.filter((c) => c.agencyId !== centre?.id), suggestions };
  }
}
