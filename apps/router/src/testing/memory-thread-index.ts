import { ThreadEntry, ThreadIndex } from '../citizen-replies/thread-index';

/** The thread index in memory, with the MongoDB one's contract, for specs. */
export class MemoryThreadIndex implements ThreadIndex {
  readonly entries = new Map<string, ThreadEntry>();

  async remember(entry: ThreadEntry): Promise<void> {
    if (!this.entries.has(entry.key)) this.entries.set(entry.key, entry);
  }

  async postEntry(postId: string): Promise<ThreadEntry | undefined> {
    return [...this.entries.values()].find((e) => e.postId === postId && e.kind === 'post');
  }

  async find(keys: readonly string[]): Promise<ThreadEntry | undefined> {
    return keys.map((key) => this.entries.get(key)).find((e) => e !== undefined);
  }

  async authorsOf(incidentId: string): Promise<string[]> {
    return [...new Set([...this.entries.values()].filter((e) => e.incidentId === incidentId && e.kind === 'post').flatMap((e) => (e.authorPseudonym ? [e.authorPseudonym] : [])))];
  }
}
