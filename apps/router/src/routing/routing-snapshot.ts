import { Agency } from '../agencies/agency.model';
import { AgencyDirectory } from '../agencies/agency-directory';
import { HistoryModel } from '../history/history-model';
import { HistorySuggester } from '../history/history-suggester';
import { RoutingRule } from '../rules/routing-rule.model';
import { RuleEngine } from '../rules/rule-engine';
import { Territory } from '../territories/territory.model';
import { TerritoryDirectory } from '../territories/territory-directory';
import { RoutingEngine } from './routing-engine';
import { DEFAULT_ROUTING_POLICY, RoutingPolicy } from '../config/policies';

/** Everything a routing decision reads, as plain data. */
export interface RoutingData {
  territories: readonly Territory[];
  agencies: readonly Agency[];
  rules: readonly RoutingRule[];
  history?: HistoryModel;
  policy?: RoutingPolicy;
}

/** Builds a consistent, immutable routing engine from one snapshot of the data. */
export function buildRoutingEngine(data: RoutingData): RoutingEngine {
  const territories = new TerritoryDirectory(data.territories);
  const agencies = new AgencyDirectory(data.agencies, territories);
  const rules = new RuleEngine(data.rules, agencies);
  const history = data.history ? new HistorySuggester(data.history, agencies) : undefined;
  return new RoutingEngine(agencies, rules, history, data.policy ?? DEFAULT_ROUTING_POLICY);
}
