import { Urgency } from '@otklik/contracts';
import { TAXONOMY } from '@otklik/reference';
import { Agency } from '../agencies/agency.model';
import { AgencyDirectory } from '../agencies/agency-directory';
import { KeywordText } from '../shared/keywords';
import { localDate } from '../shared/time-zone';
import { topicCovers, topicSpecificity } from '../shared/topics';
import { RoutingRule } from './routing-rule.model';

/** What rules look at. */
export interface RuleInput {
  topicCode: string;
  territoryCode: string;
  text: string;
  urgency: Urgency;
  at: Date;
}

/** A rule that applies, with the agencies it names for this incident. */
export interface RuleMatch {
  rule: RoutingRule;
  agency: Agency;
  coExecutors: Agency[];
  /** The rule's territory that holds the incident. */
  territoryCode: string;
  /** The keyword that made it apply, for keyword rules. */
  keyword?: string;
  explanation: string;
}

/** A rule that applies but names no agency for this territory (a directory gap to fix). */
export interface UnresolvedRule {
  rule: RoutingRule;
  ref: string;
}

export interface RuleEvaluation {
  /** Applicable rules, best first. */
  matches: RuleMatch[];
  unresolved: UnresolvedRule[];
  /** Two best rules of equal rank naming different agencies: a human must decide. */
  conflict?: [RuleMatch, RuleMatch];
}

/** Rank of a match: priority, then topic specificity, territory depth, keyword rules. */
function rank(match: RuleMatch, depthOf: (code: string) => number): number[] {
  const specificity = Math.max(...match.rule.topicCodes.map(topicSpecificity));
  return [match.rule.priority, specificity, depthOf(match.territoryCode), match.rule.keywords?.length ? 1 : 0];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i] - a[i];
  return 0;
}

/** Evaluates routing rules for one incident: the one place where rules are applied. */
export class RuleEngine {
  constructor(
    private readonly rules: readonly RoutingRule[],
    private readonly agencies: AgencyDirectory,
  ) {}

  evaluate(input: RuleInput): RuleEvaluation {
    const territories = this.agencies.territories;
    const path = territories.pathOf(input.territoryCode);
    const zone = territories.timeZoneOf(input.territoryCode) ?? 'Europe/Moscow';
    const day = localDate(input.at, zone);
    const text = new KeywordText(input.text);
    const matches: RuleMatch[] = [];
    const unresolved: UnresolvedRule[] = [];
    for (const rule of this.rules) {
      if (!rule.enabled || (rule.validFrom && day < rule.validFrom) || (rule.validTo && day > rule.validTo)) continue;
      if (rule.urgencies && !rule.urgencies.includes(input.urgency)) continue;
      if (!rule.topicCodes.some((p) => topicCovers(p, input.topicCode))) continue;
      const territoryCode = path.find((code) => rule.territoryCodes.includes(code));
      if (territoryCode === undefined) continue;
      const keyword = rule.keywords ? text.firstOf(rule.keywords) : undefined;
      if (rule.keywords && keyword === undefined) continue;
      if (rule.excludeKeywords && text.firstOf(rule.excludeKeywords) !== undefined) continue;
      const agency = this.agencies.resolve(rule.agency, input.territoryCode);
      if (!agency) {
        unresolved.push({ rule, ref: rule.agency });
        continue;
      }
      const coExecutors = (rule.coExecutors ?? []).map((ref) => this.agencies.resolve(ref, input.territoryCode)).filter((a): a is Agency => a !== undefined && a.id !== agency.id);
      matches.push({ rule, agency, coExecutors, territoryCode, keyword, explanation: this.explain(rule, input.topicCode, territoryCode, agency, coExecutors, keyword) });
    }
    const depthOf = (code: string): number => territories.pathOf(code).length;
    matches.sort((a, b) => compareRanks(rank(a, depthOf), rank(b, depthOf)) || a.rule.id - b.rule.id);
    const [first, second] = matches;
    const tied = first && second && compareRanks(rank(first, depthOf), rank(second, depthOf)) === 0 && first.agency.id !== second.agency.id;
    return { matches, unresolved, conflict: tied ? [first, second] : undefined };
  }

  private explain(rule: RoutingRule, topicCode: string, territoryCode: string, agency: Agency, coExecutors: Agency[], keyword?: string): string {
    const place = this.agencies.territories.get(territoryCode)?.name ?? territoryCode;
    const by = keyword ? ` (слово «${keyword}»)` : '';
    const co = coExecutors.length > 0 ? `; соисполнители: ${coExecutors.map((a) => a.name).join(', ')}` : '';
    // Read by operators and quoted to agencies: the topic's name, as the console shows it.
    return `правило ${rule.id} «${rule.title}»: ${TAXONOMY.nameOf(topicCode)} × ${place}${by} → ${agency.name}${co}`;
  }
}
