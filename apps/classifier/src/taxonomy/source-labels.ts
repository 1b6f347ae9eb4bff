import kurskMapping from './mappings/kursk.mapping.json';
import spbMapping from './mappings/spb.mapping.json';
import type { TextSource } from '../datasets/labelled-text';
import { TAXONOMY, type Taxonomy } from './taxonomy';

/** One label the mapping could not translate, and how many texts carried it. */
export interface UnmappedLabel {
  readonly source: TextSource;
  readonly label: string;
  readonly texts: number;
}

/**
 * Labels of the data that the mapping tables (or, for operator corrections, the taxonomy) do not
 * cover. A text with such a label is left out of training and evaluation and counted here, so a
 * new label in the data is reported by the run instead of stopping it.
 */
export class UnmappedLabels {
  private readonly counts = new Map<string, { source: TextSource; label: string; texts: number }>();

  /** Counts one text carrying `label` of `source`. */
  add(source: TextSource, label: string): void {
    const key = `${source}\u0000${label}`;
    const entry = this.counts.get(key);
    if (entry) entry.texts++;
    else this.counts.set(key, { source, label, texts: 1 });
  }

  /** Texts left out for an unmapped label. */
  get texts(): number {
    let total = 0;
    for (const entry of this.counts.values()) total += entry.texts;
    return total;
  }

  /** The labels, most frequent first. */
  entries(): UnmappedLabel[] {
    return [...this.counts.values()].map((e) => ({ ...e })).sort((a, b) => b.texts - a.texts || a.label.localeCompare(b.label));
  }

  /** A line for a run's output, naming each label and where it would be mapped; `undefined` when every label was mapped. */
  summary(): string | undefined {
    const entries = this.entries();
    if (entries.length === 0) return undefined;
    const sources = [...new Set(entries.map((e) => e.source))];
    const where = sources.map((s) => (s === 'correction' ? `taxonomy ${TAXONOMY.version} (corrections)` : `taxonomy/mappings/${s}.mapping.json`)).join(', ');
    const list = entries.map((e) => `${e.source} "${e.label}" ×${e.texts}`).join('; ');
    return `unmapped labels: ${this.texts} text(s) left out, ${entries.length} label(s) without an Otklik topic (map them in ${where}): ${list}`;
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

/** The SPb label as the mapping table keys it: `<category> / <reason>`. */
export function spbLabel(category: string, reason: string): string {
  return `${category} / ${reason}`;
}

/** A table's own entry only: a label such as "constructor" must not find Object's prototype. */
function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
