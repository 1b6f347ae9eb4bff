import { KafkaConnection } from '@otklik/messaging';

/** Messages behind, per consumer group (summed over the topics and partitions it has committed on). */
export type Lag = Record<string, number>;

/** A consumer group and the topics (physical names) it reads. */
export interface WatchedGroup {
  groupId: string;
  topics: string[];
}

/**
 * Reads committed offsets of the run's groups against the topics' end offsets through the admin
 * API. A partition the group has not committed on counts from its start (a new group reads from
 * the earliest message).
 */
export class LagProbe {
  private admin?: ReturnType<KafkaConnection['kafka']['admin']>;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly groups: Record<string, WatchedGroup>,
  ) {}

  async read(): Promise<Lag> {
    if (!this.admin) {
      this.admin = this.connection.kafka.admin();
      await this.admin.connect();
    }
    const admin = this.admin;
    const ends = new Map<string, Map<number, { low: number; high: number }>>();
    const endsOf = async (topic: string) => {
      let byPartition = ends.get(topic);
      if (!byPartition) {
        byPartition = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, { low: Number(p.low), high: Number(p.high) }]));
        ends.set(topic, byPartition);
      }
      return byPartition;
    };
    const lag: Lag = {};
    for (const [name, { groupId, topics }] of Object.entries(this.groups)) {
      let behind = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
        const offsets = await endsOf(topic);
        for (const p of partitions) {
          const end = offsets.get(p.partition);
          if (end) behind += Math.max(0, end.high - (Number(p.offset) >= 0 ? Number(p.offset) : end.low));
        }
      }
      lag[name] = behind;
    }
    return lag;
  }

  /** Messages in every topic under a prefix (what the run made the broker carry). */
  async messagesUnder(prefix: string): Promise<number> {
    await this.read();
    const admin = this.admin;
    if (!admin) return 0;
    let total = 0;
    for (const topic of (await admin.listTopics()).filter((t) => t.startsWith(prefix))) {
      for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
    }
    return total;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
  }
}

/** `name=lag` pairs on one line. */
export const formatLag = (lag: Lag): string =>
  Object.entries(lag)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
