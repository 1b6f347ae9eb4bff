import { REGIONS } from '@otklik/reference';
import { AgencyDto } from '../agencies/agency.dto';
import { RoutingRuleDto } from '../rules/routing-rule.dto';
import { readSeeds, SEEDS_DIR } from '../shared/seed-files';
import { validateRecords } from '../shared/validate-records';
import { TerritoryDto } from '../territories/territory.dto';
import { RoutingData } from './routing-snapshot';

/** Russia's regions (`@otklik/reference`) as territories of the directory. */
export function regionTerritories(): TerritoryDto[] {
  return validateRecords(
    '@otklik/reference regions',
    REGIONS.map((region) => ({ ...region, codeScheme: 'oktmo', kind: 'region' })),
    TerritoryDto,
  );
}

/** The territories, agencies and rules the project ships (Russia's regions, then apps/router/seeds), validated. */
export function loadSeedData(dir: string = SEEDS_DIR): Required<Pick<RoutingData, 'territories' | 'agencies' | 'rules'>> {
  return {
    territories: [...regionTerritories(), ...readSeeds('territories', TerritoryDto, dir)],
    agencies: readSeeds('agencies', AgencyDto, dir),
    rules: readSeeds('rules', RoutingRuleDto, dir),
  };
}
