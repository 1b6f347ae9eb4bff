import { KafkaConnection } from '@otklik/messaging';

/** Messages behind, per consumer group (summed over the topics and partitions it has committed on). */
export type Lag = Record<string, number>;

/** Reads committed offsets of the run's groups against the topics' end offsets through the admin API. */
export class LagProbe {
  private admin?: ReturnType<KafkaConnection['kafka']['admin']>;

  constructor(private readonly connection: KafkaConnection, private readonly groups: Record<string, string>) {}

  async read(): Promise<Lag> {
    if (!this.admin) {
      this.admin = this.connection.kafka.admin();
      await this.admin.connect();
    }
    const admin = this.admin;
    const ends = new Map<string, Map<number, number>>();
    const endsOf = async (topic: string) => {
      let byPartition = ends.get(topic);
      if (!byPartition) {
        byPartition = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
        ends.set(topic, byPartition);
      }
      return byPartition;
    };
    const lag: Lag = {};
    for (const [name, groupId] of Object.entries(this.groups)) {
      let behind = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const high = await endsOf(topic);
        for (const p of partitions) if (Number(p.offset) >= 0) behind += Math.max(0, (high.get(p.partition) ?? 0) - Number(p.offset));
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
export const formatLag = (lag: Lag): string => Object.entries(lag).map(([name, n]) => `${name} ${n}`).join(', ');
