import type { RawPayload, RawPayloadStore } from './post.store';

/** Writes raw payloads in batches; the payload is evidence kept for a while, not state. */
export class BufferedRawPayloads implements RawPayloadStore {
  private pending: RawPayload[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RawPayloadStore & { saveMany(entries: RawPayload[]): Promise<void> },
    private readonly maxBatch = 500,
  ) {}

  async save(entry: RawPayload): Promise<void> {
    this.pending.push(entry);
    if (this.pending.length >= this.maxBatch) void this.flush();
  }

  /** Writes what is buffered; flushes run one after another. */
  flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => (batch.length > 0 ? this.store.saveMany(batch) : undefined));
    return this.flushing;
  }

  purgeReceivedBefore(cutoff: Date): Promise<number> {
    return this.store.purgeReceivedBefore(cutoff);
  }
}
