import { mappingTablePath, TAXONOMY } from '@otklik/reference';
import type { TextSource } from './labelled-text';

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
    const where = sources.map((s) => (s === 'correction' ? `taxonomy ${TAXONOMY.version} (corrections)` : mappingTablePath(s))).join(', ');
    const list = entries.map((e) => `${e.source} "${e.label}" ×${e.texts}`).join('; ');
    return `unmapped labels: ${this.texts} text(s) left out, ${entries.length} label(s) without an Otklik topic (map them in ${where}): ${list}`;
  }
}
