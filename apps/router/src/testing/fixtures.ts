import { Agency, AgencyKind, WorkingHours } from '../agencies/agency.model';
import { HistoryModel } from '../history/history-model';
import { RoutingRule } from '../rules/routing-rule.model';
import { buildRoutingEngine, RoutingData } from '../routing/routing-snapshot';
import { RoutingEngine } from '../routing/routing-engine';
import { loadSeedData } from '../routing/seed-data';
import { Territory } from '../territories/territory.model';

/** A small, fully known directory for precise specs: St Petersburg with two districts. */
export const OFFICE_HOURS: WorkingHours = { days: [{ weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '18:00', breaks: [{ from: '13:00', to: '13:48' }] }] };

export const TINY_TERRITORIES: Territory[] = [
  { code: '40000000', codeScheme: 'oktmo', name: 'г Санкт-Петербург', kind: 'region', timeZone: 'Europe/Moscow', subjectCode: '78', aliases: ['Санкт-Петербург'] },
  { code: '40:nevsky', codeScheme: 'local', name: 'Невский район', kind: 'district', parentCode: '40000000', aliases: ['Невский'] },
  { code: '40:tsentralny', codeScheme: 'local', name: 'Центральный район', kind: 'district', parentCode: '40000000', aliases: ['Центральный'] },
  { code: '40:nevsky:rybatskoe', codeScheme: 'local', name: 'муниципальный округ Рыбацкое', kind: 'municipality', parentCode: '40:nevsky', aliases: ['Рыбацкое'] },
  { code: '27000000', codeScheme: 'oktmo', name: 'Калининградская обл', kind: 'region', timeZone: 'Europe/Kaliningrad', subjectCode: '39' },
];

export function agency(id: string, kind: AgencyKind, territoryCode: string, topicCodes: string[], extra: Partial<Agency> = {}): Agency {
  return { id, name: extra.name ?? `Ведомство ${id}`, kind, territoryCode, topicCodes, workingHours: OFFICE_HOURS, contacts: [{ channel: 'desk' }], active: true, ...extra };
}

export const TINY_AGENCIES: Agency[] = [
  agency('mc', 'management_centre', '40000000', ['*'], { name: 'Центр управления регионом', shortName: 'ЦУР' }),
  agency('zha-nevsky', 'housing_agency', '40:nevsky', ['housing', 'landscaping.snow_ice'], { name: 'ЖА Невского района' }),
  agency('zha-tsentralny', 'housing_agency', '40:tsentralny', ['housing', 'landscaping.snow_ice'], { name: 'ЖА Центрального района' }),
  agency('adm-nevsky', 'district_administration', '40:nevsky', ['*'], { name: 'Администрация Невского района' }),
  agency('adm-tsentralny', 'district_administration', '40:tsentralny', ['*'], { name: 'Администрация Центрального района' }),
  agency('ckb', 'regional_institution', '40000000', ['landscaping.snow_ice', 'roads.surface'], { name: 'Центр комплексного благоустройства' }),
  agency('vodokanal', 'utility', '40000000', ['housing.water_supply'], { name: 'Водоканал' }),
];

export function rule(id: number, topicCodes: string[], territoryCodes: string[], agencyRef: string, extra: Partial<RoutingRule> = {}): RoutingRule {
  return { id, title: `правило ${id}`, topicCodes, territoryCodes, agency: agencyRef, priority: 0, enabled: true, ...extra };
}

export const TINY_RULES: RoutingRule[] = [
  rule(1, ['housing'], ['40000000'], '@housing_agency', { coExecutors: ['@district_administration'], priority: 10, title: 'ЖКХ — ЖА района' }),
  rule(2, ['roads.surface'], ['40000000'], 'ckb', { priority: 10, title: 'Дороги — ЦКБ' }),
];

/**
 * History where snow in Невский was answered 8 times by the district's housing agency and 2 by
 * the city's institution, and nothing is known of other topics.
 */
export function tinyHistory(): HistoryModel {
  const obs = [
    ...Array.from({ length: 8 }, () => ({ topicPath: ['cat:landscaping', 'topic:landscaping.snow_ice'], territoryPath: ['40:nevsky', '40000000'], target: 'kind:housing_agency' })),
    ...Array.from({ length: 2 }, () => ({ topicPath: ['cat:landscaping', 'topic:landscaping.snow_ice'], territoryPath: ['40:nevsky', '40000000'], target: 'agency:ckb' })),
  ];
  return HistoryModel.train(obs, { description: 'spec', appeals: obs.length }, 0);
}

export function tinyEngine(extra: Partial<RoutingData> = {}): RoutingEngine {
  return buildRoutingEngine({ territories: TINY_TERRITORIES, agencies: TINY_AGENCIES, rules: TINY_RULES, history: tinyHistory(), ...extra });
}

let seeds: ReturnType<typeof loadSeedData> | undefined;

/** The shipped seeds, read once per test file. */
export function seedData(): ReturnType<typeof loadSeedData> {
  seeds ??= loadSeedData();
  return seeds;
}

export const CAUSE = { correlationId: 'corr-1', causationId: 'cause-1' };
