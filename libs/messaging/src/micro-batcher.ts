interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Gathers items added close together and hands them to `flushBatch` in one call; each `add`
 * resolves when its batch is done. Batches run one after another, so a slow flush lets the next
 * batch grow instead of piling up concurrent calls.
 */
export class MicroBatcher<T> {
  private queue: Pending<T>[] = [];
  private timer?: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly flushBatch: (items: T[]) => Promise<void>,
    private readonly lingerMs: number,
    private readonly maxBatch: number,
  ) {}

  /** Queues one item; resolves once the batch holding it has been flushed. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.lingerMs);
    });
  }

  /** Flushes what is queued now and waits for every batch before it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.chain = this.chain.then(() => this.run(batch));
    return this.chain;
  }

  private async run(batch: Pending<T>[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.flushBatch(batch.map((pending) => pending.item));
      batch.forEach((pending) => pending.resolve());
    } catch (error) {
      batch.forEach((pending) => pending.reject(error as Error));
    }
  }
}
