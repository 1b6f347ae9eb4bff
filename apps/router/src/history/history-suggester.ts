import { Agency } from '../agencies/agency.model';
import { AgencyDirectory } from '../agencies/agency-directory';
import { HistoryModel } from './history-model';
import { describeTopicKey, resolveTarget } from './history-targets';

/** A learned suggestion: an agency, its probability and why. */
export interface HistorySuggestion {
  agency: Agency;
  probability: number;
  explanation: string;
}

/** What learned routing is asked. */
export interface HistoryQuery {
  topicPath: readonly string[];
  territoryCode: string;
}

function percent(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** Turns the history model's distribution into agencies of the directory, with explanations. */
export class HistorySuggester {
  constructor(
    private readonly model: HistoryModel,
    private readonly agencies: AgencyDirectory,
  ) {}

  /** Agencies most likely to answer, most likely first (targets this territory lacks are dropped). */
  suggest(query: HistoryQuery, limit = 3): HistorySuggestion[] {
    const territories = this.agencies.territories;
    const { targets, evidence } = this.model.distribution(query.topicPath, territories.pathOf(query.territoryCode));
    if (!evidence) return [];
    const place = territories.get(evidence.territoryCode)?.name ?? evidence.territoryCode;
    const seen = new Map<string, HistorySuggestion>();
    for (const { target, probability } of targets) {
      const agency = resolveTarget(target, query.territoryCode, this.agencies);
      if (!agency) continue;
      const known = seen.get(agency.id);
      // Two targets can name one agency (a role and the agency itself): their shares add up.
      const total = (known?.probability ?? 0) + probability;
      seen.set(agency.id, {
        agency,
        probability: total,
        explanation: `история: на ${percent(total)} похожих обращений (${describeTopicKey(evidence.topicKey)} × ${place}; ${evidence.count} обращ.) ответило ${agency.name}`,
      });
    }
    return [...seen.values()].sort((a, b) => b.probability - a.probability).slice(0, limit);
  }
}
