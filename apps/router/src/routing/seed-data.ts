import { AgencyDto } from '../agencies/agency.dto';
import { RoutingRuleDto } from '../rules/routing-rule.dto';
import { SEEDS_DIR } from '../shared/seed-files';
import { readSeeds } from '../shared/seed-files';
import { TerritoryDto } from '../territories/territory.dto';
import { RoutingData } from './routing-snapshot';

/** The territories, agencies and rules the project ships (apps/router/seeds), validated. */
export function loadSeedData(dir: string = SEEDS_DIR): Required<Pick<RoutingData, 'territories' | 'agencies' | 'rules'>> {
  return {
    territories: readSeeds('territories', TerritoryDto, dir),
    agencies: readSeeds('agencies', AgencyDto, dir),
    rules: readSeeds('rules', RoutingRuleDto, dir),
  };
}
