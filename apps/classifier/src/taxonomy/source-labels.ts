import kurskMapping from './mappings/kursk.mapping.json';
import spbMapping from './mappings/spb.mapping.json';
import { TAXONOMY, type Taxonomy } from './taxonomy';

/** A data set's label that the mapping tables do not cover; training stops rather than guess. */
export class UnmappedLabelError extends Error {
  constructor(
    readonly source: string,
    readonly label: string,
  ) {
    super(`${source} label "${label}" has no Otklik topic: add it to taxonomy/mappings/${source}.mapping.json`);
  }
}

interface MappingTables {
  readonly spbReasons: Readonly<Record<string, string>>;
  readonly kurskTopics: Readonly<Record<string, string>>;
  readonly kurskCategoryCodes: Readonly<Record<string, string>>;
}

/** Translates the labels of the reference data sets into Otklik topics. */
export class SourceLabelMapping {
  constructor(
    private readonly tables: MappingTables = { spbReasons: spbMapping.reasons, kurskTopics: kurskMapping.topics, kurskCategoryCodes: kurskMapping.categoryCodes },
    private readonly taxonomy: Taxonomy = TAXONOMY,
  ) {
    const all = [...Object.values(this.tables.spbReasons), ...Object.values(this.tables.kurskTopics)];
    for (const topic of all) if (!taxonomy.hasTopic(topic)) throw new Error(`mapping names topic "${topic}" that taxonomy ${taxonomy.version} lacks`);
    for (const category of Object.values(this.tables.kurskCategoryCodes)) if (!taxonomy.hasCategory(category)) throw new Error(`mapping names category "${category}" that taxonomy ${taxonomy.version} lacks`);
  }

  /** Otklik topic of an SPb portal category and reason. */
  spbTopic(category: string, reason: string): string {
    const key = `${category} / ${reason}`;
    const topic = this.tables.spbReasons[key];
    if (topic === undefined) throw new UnmappedLabelError('spb', key);
    return topic;
  }

  /** Otklik topic of a Kursk topic label. */
  kurskTopic(topic: string): string {
    const mapped = this.tables.kurskTopics[topic];
    if (mapped === undefined) throw new UnmappedLabelError('kursk', topic);
    return mapped;
  }

  /** Otklik category of a Kursk numeric category code (coarser than the topic). */
  kurskCategory(code: string): string {
    const mapped = this.tables.kurskCategoryCodes[code];
    if (mapped === undefined) throw new UnmappedLabelError('kursk', `category_code ${code}`);
    return mapped;
  }
}
