/**
 * Levels of the territory hierarchy. A region holds municipalities (urban okrugs, municipal
 * districts) or, in federal cities, districts; districts and municipalities hold settlements
 * and inner-city municipalities. The hierarchy is given by `parentCode`, not by the kind.
 */
export const TERRITORY_KINDS = ['region', 'municipality', 'district', 'settlement'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/** Where a territory's code comes from. */
export const CODE_SCHEMES = ['oktmo', 'local'] as const;
export type CodeScheme = (typeof CODE_SCHEMES)[number];

/** One territory of the directory. */
export interface Territory {
  /** Its territory code (`@otklik/contracts`' territory-code): OKTMO where one is known, else local `<region key>:<name>`. */
  code: string;
  /** Other codes read as this territory: the legacy ISO-based form older events carry (`RU-SPE:nevsky`), other systems' codes. */
  codeAliases?: string[];
  codeScheme: CodeScheme;
  /** Official name, e.g. «Невский район», «г Курск». */
  name: string;
  kind: TerritoryKind;
  /** The local word for the unit: «район», «городской округ», «муниципальный округ», … */
  localType?: string;
  /** Code of the enclosing territory; absent for regions. */
  parentCode?: string;
  /** IANA time zone; inherited from the parent when absent. */
  timeZone?: string;
  /** Other names people use: «Невский», «Колпино». */
  aliases?: string[];
  /** Regions only: two-digit subject code used in incident numbers (78 = St Petersburg). */
  subjectCode?: string;
  /** Regions only: ISO 3166-2 code. */
  isoCode?: string;
  /** Regions only: federal district. */
  federalDistrict?: string;
}
