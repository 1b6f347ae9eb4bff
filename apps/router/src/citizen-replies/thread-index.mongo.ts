import { Collection, Connection } from 'mongoose';
import { isDuplicateKey, stripUndefined } from '../shared/mongo';
import { ThreadEntry, ThreadIndex } from './thread-index';

type ThreadDoc = Omit<ThreadEntry, 'key'> & { _id: string };

function toEntry({ _id, ...rest }: ThreadDoc): ThreadEntry {
  return { ...rest, key: _id };
}

/** The thread index in MongoDB/FerretDB: one document per platform id (`_id` is the key). */
export class MongoThreadIndex implements ThreadIndex {
  private readonly entries: Collection<ThreadDoc>;

  constructor(connection: Connection) {
    this.entries = connection.collection<ThreadDoc>('incident_threads');
  }

  async init(): Promise<void> {
    await Promise.all([this.entries.createIndex({ postId: 1 }), this.entries.createIndex({ incidentId: 1 })]);
  }

  async remember(entry: ThreadEntry): Promise<void> {
    const { key, ...rest } = entry;
    try {
      await this.entries.insertOne(stripUndefined({ ...rest, _id: key }));
    } catch (error) {
      // The first incident a post or answer was seen in keeps it (a redelivery changes nothing).
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async postEntry(postId: string): Promise<ThreadEntry | undefined> {
    const doc = await this.entries.findOne({ postId, kind: 'post' });
    return doc ? toEntry(doc) : undefined;
  }

  async find(keys: readonly string[]): Promise<ThreadEntry | undefined> {
    for (const key of keys) {
      const doc = await this.entries.findOne({ _id: key });
      if (doc) return toEntry(doc);
    }
    return undefined;
  }

  async authorsOf(incidentId: string): Promise<string[]> {
    const docs = await this.entries.find({ incidentId, kind: 'post' }, { projection: { authorPseudonym: 1 } }).toArray();
    return [...new Set(docs.flatMap((d) => (d.authorPseudonym ? [d.authorPseudonym] : [])))];
  }
}
