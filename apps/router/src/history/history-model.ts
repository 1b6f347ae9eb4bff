/**
 * Learned routing: which agency answered appeals like this one — same topic (at every level of
 * its path, coarse to fine) on the same territory (at every level of its hierarchy). Counts are
 * smoothed from the coarsest evidence to the finest (each level shrinks towards its parent with
 * weight `smoothing`), so rare combinations lean on their topic or territory as a whole.
 */

/** One answered appeal, reduced to what routing learns from. */
export interface HistoryObservation {
  /** Topic keys from coarse to fine, e.g. `cat:housing`, `topic:housing.heating`, `spb:…`. */
  topicPath: readonly string[];
  /** The incident's territory and its ancestors, innermost first. */
  territoryPath: readonly string[];
  /** Who answered: `agency:<id>`, `kind:<kind>` (the local agency of that kind) or `name:<org>`. */
  target: string;
}

/** What the model says for one query. */
export interface HistoryDistribution {
  /** Targets with probabilities, most likely first. */
  targets: { target: string; probability: number }[];
  /** The finest evidence used: its topic key, territory and number of appeals. */
  evidence?: { topicKey: string; territoryCode: string; count: number };
}

/** Serialised model (the committed artifact). */
export interface HistoryModelData {
  version: 1;
  smoothing: number;
  /** Where the counts came from. */
  source: { description: string; appeals: number; from?: string; to?: string };
  /** Topic key → territory code → target → count. */
  counts: Record<string, Record<string, Record<string, number>>>;
}

function key(topicKey: string, territoryCode: string): string {
  return `${topicKey}\u0000${territoryCode}`;
}

export class HistoryModel {
  private readonly counts: Map<string, Map<string, number>>;
  private readonly totals = new Map<string, number>();

  private constructor(readonly data: HistoryModelData) {
    this.counts = new Map();
    for (const [topicKey, byTerritory] of Object.entries(data.counts)) {
      for (const [territoryCode, targets] of Object.entries(byTerritory)) {
        const cell = new Map(Object.entries(targets));
        this.counts.set(key(topicKey, territoryCode), cell);
        this.totals.set(
          key(topicKey, territoryCode),
          [...cell.values()].reduce((a, b) => a + b, 0),
        );
      }
    }
  }

  /** Counts the observations. */
  static train(observations: Iterable<HistoryObservation>, source: HistoryModelData['source'], smoothing = 10): HistoryModel {
    const counts: HistoryModelData['counts'] = {};
    for (const obs of observations) {
      for (const topicKey of obs.topicPath) {
        for (const territoryCode of obs.territoryPath) {
          const cell = ((counts[topicKey] ??= {})[territoryCode] ??= {});
          cell[obs.target] = (cell[obs.target] ?? 0) + 1;
        }
      }
    }
    return new HistoryModel({ version: 1, smoothing, source, counts });
  }

  /** Loads a serialised model; throws naming what is wrong. */
  static fromData(data: unknown): HistoryModel {
    const d = data as Partial<HistoryModelData> | null;
    if (!d || d.version !== 1) throw new Error('history model: version must be 1');
    if (typeof d.smoothing !== 'number' || d.smoothing < 0) throw new Error('history model: smoothing must be a non-negative number');
    if (!d.counts || typeof d.counts !== 'object') throw new Error('history model: counts missing');
    if (!d.source || typeof d.source.description !== 'string') throw new Error('history model: source missing');
    return new HistoryModel(d as HistoryModelData);
  }

  /** How many appeals the model was trained on. */
  get appeals(): number {
    return this.data.source.appeals;
  }

  /** Smoothed distribution of who answers appeals with this topic path on this territory. */
  distribution(topicPath: readonly string[], territoryPath: readonly string[]): HistoryDistribution {
    const k = this.data.smoothing;
    let dist: Map<string, number> | undefined;
    let evidence: HistoryDistribution['evidence'];
    for (const topicKey of topicPath) {
      for (const territoryCode of [...territoryPath].reverse()) {
        const cellKey = key(topicKey, territoryCode);
        const cell = this.counts.get(cellKey);
        if (!cell) continue;
        const n = this.totals.get(cellKey) ?? 0;
        evidence = { topicKey, territoryCode, count: n };
        if (dist === undefined) {
          dist = new Map([...cell].map(([t, c]) => [t, c / n]));
          continue;
        }
        // dist ← (cell + k·dist) / (n + k), in place.
        const scale = k / (n + k);
        for (const [t, p] of dist) dist.set(t, p * scale);
        for (const [t, c] of cell) dist.set(t, (dist.get(t) ?? 0) + c / (n + k));
      }
    }
    const targets = [...(dist ?? new Map<string, number>())]
      .map(([target, probability]) => ({ target, probability }))
      .sort((a, b) => b.probability - a.probability || a.target.localeCompare(b.target));
    return { targets, evidence };
  }
}
