import type { Collection, Connection } from 'mongoose';

/** One holder whose outbox may hold events, as of the newest version a writer announced. */
interface MarkDoc {
  _id: string;
  version: number;
  at: Date;
}

/** A holder to look at: its mark, read by {@link PendingMarks.oldest}. */
export interface PendingMark {
  holder: string;
  version: number;
}

/**
 * Names the holders whose outbox may hold events, in a small collection of its own, so that a
 * sweep reads those holders by `_id` instead of filtering every holder on "has pending events"
 * (FerretDB answers a range or `$ne` filter by reading and decoding the whole table, ADR 0001;
 * with 20,000 posts a sweep took half a minute and held a database connection all along).
 *
 * - A writer marks a holder *before* the write that adds events, with the version it writes (and
 *   marks again when it retries), so no stored event is ever without its mark.
 * - Clearing a holder's whole outbox at version v removes its mark only if no writer has marked a
 *   newer version since; so does a sweep that finds a marked holder with nothing to publish.
 * A mark outliving its events (a write that lost its version check) costs one read in a sweep.
 * FerretDB does not make a filtered write atomic, so two writers of one holder marking at the same
 * instant could leave the older version, and a clearing could then drop the newer writer's mark:
 * stores read every holder at their first sweep after a start, and the relay keeps what it failed
 * to publish, so such an event waits for that sweep at worst. Stores that let writers of one holder
 * take turns (the router's per-incident lock) make the window rarer still.
 */
export class PendingMarks {
  private readonly marks: Collection<MarkDoc>;

  constructor(
    connection: Connection,
    collection: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.marks = connection.collection<MarkDoc>(collection);
  }

  /** Marks holders about to be written with events; a mark never goes back to an older version. */
  async mark(holders: readonly PendingMark[]): Promise<void> {
    if (holders.length === 0) return;
    const at = this.now();
    await this.marks.bulkWrite(
      holders.map(({ holder, version }) => ({ updateOne: { filter: { _id: holder }, update: { $max: { version }, $set: { at } }, upsert: true } })),
      { ordered: false },
    );
  }

  /** The marks set before `before`, oldest first: holders a writer or its relay may have left with events. */
  async oldest(limit: number, before: Date): Promise<PendingMark[]> {
    const docs = await this.marks
      .find({ at: { $lt: before } })
      .sort({ at: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => ({ holder: doc._id, version: doc.version }));
  }

  /**
   * What a sweep reads: the holders marked before `before` (oldest first), read through `read`;
   * those with nothing to publish lose their marks, up to the version read (a writer that marked
   * a newer one may still be writing it). Returns the holders with events.
   */
  async sweep<D>(limit: number, before: Date, read: (holders: string[]) => Promise<D[]>, state: (doc: D) => { holder: string; version: number; pending: boolean }): Promise<D[]> {
    const marked = await this.oldest(limit, before);
    if (marked.length === 0) return [];
    const docs = await read(marked.map((m) => m.holder));
    const found = new Map(docs.map((doc) => [state(doc).holder, state(doc)]));
    await this.clear(marked.filter((m) => !found.get(m.holder)?.pending).map((m) => ({ holder: m.holder, version: found.get(m.holder)?.version ?? m.version })));
    return docs.filter((doc) => state(doc).pending);
  }

  /** Removes the marks of holders whose outboxes were empty at these versions, unless marked newer since. */
  async clear(holders: readonly PendingMark[]): Promise<void> {
    if (holders.length === 0) return;
    await this.marks.bulkWrite(
      holders.map(({ holder, version }) => ({ deleteOne: { filter: { _id: holder, version: { $lte: version } } } })),
      { ordered: false },
    );
  }
}
