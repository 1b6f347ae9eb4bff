import kurskMapping from './mappings/kursk.mapping.json';
import spbMapping from './mappings/spb.mapping.json';
import { TAXONOMY, type Taxonomy } from '../taxonomy/taxonomy';

/** The tables that translate the labels of the reference data sets into Otklik topics. */
export interface SourceLabelTables {
  /** SPb portal `<category> / <reason>` → topic. */
  readonly spbReasons: Readonly<Record<string, string>>;
  /** Kursk topic label → topic. */
  readonly kurskTopics: Readonly<Record<string, string>>;
  /** Kursk numeric category code → category. */
  readonly kurskCategoryCodes: Readonly<Record<string, string>>;
}

/** The tables this build ships (`source-labels/mappings/*.mapping.json`). */
export const SOURCE_LABEL_TABLES: SourceLabelTables = { spbReasons: spbMapping.reasons, kurskTopics: kurskMapping.topics, kurskCategoryCodes: kurskMapping.categoryCodes };

/** Translates the labels of the reference data sets into Otklik topics. */
export class SourceLabelMapping {
  constructor(
    private readonly tables: SourceLabelTables = SOURCE_LABEL_TABLES,
    private readonly taxonomy: Taxonomy = TAXONOMY,
  ) {
    const all = [...Object.values(this.tables.spbReasons), ...Object.values(this.tables.kurskTopics)];
    for (const topic of all) if (!taxonomy.hasTopic(topic)) throw new Error(`mapping names topic "${topic}" that taxonomy ${taxonomy.version} lacks`);
    for (const category of Object.values(this.tables.kurskCategoryCodes))
      if (!taxonomy.hasCategory(category)) throw new Error(`mapping names category "${category}" that taxonomy ${taxonomy.version} lacks`);
  }

  /** Otklik topic of an SPb portal category and reason; `undefined` for a pair the table lacks. */
  spbTopic(category: string, reason: string): string | undefined {
    return own(this.tables.spbReasons, spbLabel(category, reason));
  }

  /** Otklik topic of a Kursk topic label; `undefined` for a label the table lacks. */
  kurskTopic(topic: string): string | undefined {
    return own(this.tables.kurskTopics, topic);
  }

  /** Otklik category of a Kursk numeric category code (coarser than the topic); `undefined` for an unknown code. */
  kurskCategory(code: string): string | undefined {
    return own(this.tables.kurskCategoryCodes, code);
  }
}

/** Where a data set's mapping table lives in the repository, for messages that ask someone to extend it. */
export function mappingTablePath(source: string): string {
  return `libs/reference/src/source-labels/mappings/${source}.mapping.json`;
}

/** The SPb label as the mapping table keys it: `<category> / <reason>`. */
export function spbLabel(category: string, reason: string): string {
  return `${category} / ${reason}`;
}

/** A table's own entry only: a label such as "constructor" must not find Object's prototype. */
function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
