import { extractAddresses, type StreetAddress } from './address';
import { territoryByCode, type Territory } from '@otklik/reference';
import { matchTerritories } from './territories';

/** Where an incident is, and how that was learned. */
export interface PlaceDecision {
  readonly territory?: Territory;
  /** `text` when the text names the territory, `community` when it fell back to the community's own. */
  readonly source: 'text' | 'community' | 'none';
  readonly address?: StreetAddress;
  /** Rule-based; an ordinal score, not a measured probability. */
  readonly confidence: number;
  readonly rules: readonly string[];
}

/**
 * Finds the territory a text names, preferring the most specific mention inside the community's
 * region (so "Центральный район" means Petersburg's for a Petersburg community), and the first
 * street address; falls back to the community's own territory.
 */
export function extractPlace(plain: string, folded: string, communityTerritory?: string): PlaceDecision {
  const community = communityTerritory ? territoryByCode(communityTerritory) : undefined;
  const address = extractAddresses(plain)[0];
  const addressPart = address ? { address } : {};
  const matches = matchTerritories(folded);
  const inRegion = community ? matches.filter((m) => m.territory.region === community.region) : matches;
  const best = (inRegion.length > 0 ? inRegion : matches)[0];
  if (best && !(community && best.strength === 1 && best.territory.region === community.region)) {
    return {
      territory: best.territory,
      source: 'text',
      ...addressPart,
      confidence: best.strength >= 3 ? 0.9 : 0.75,
      rules: [`place:${best.strength >= 3 ? 'district-named' : best.strength === 2 ? 'settlement-named' : 'region-named'}`],
    };
  }
  if (community) return { territory: community, source: 'community', ...addressPart, confidence: 0.5, rules: ['place:community-fallback'] };
  return { source: 'none', ...addressPart, confidence: 0, rules: [] };
}
