/**
 * Runs work one at a time per key, in the order it arrived; different keys run at once. Used
 * where many handlers of one process would otherwise race for the same record and lose to each
 * other's optimistic version checks (a burst of posts joining one incident).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const tail = previous.then(() => new Promise<void>((done) => (release = done)));
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
