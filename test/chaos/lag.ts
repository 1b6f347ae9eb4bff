import { DEFAULT_MESSAGING_OPTIONS, KafkaConnection } from '@otklik/messaging';
import { SERVICES } from '../support/stack';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Messages the services' consumer groups have not committed yet, summed over every topic of the
 * run: 0 means the pipeline has handled everything published so far.
 */
export async function pipelineLag(brokers: string, topicPrefix: string): Promise<Record<string, number>> {
  const connection = new KafkaConnection({ ...DEFAULT_MESSAGING_OPTIONS, clientId: 'chaos-lag', groupId: 'chaos-lag', brokers: brokers.split(','), topicPrefix }, quiet);
  const admin = connection.kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix) && !t.endsWith('.dlt'));
    const ends = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}|${p.partition}`, Number(p.high));
    }
    const lag: Record<string, number> = {};
    for (const service of SERVICES) {
      let behind = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: `${topicPrefix}otklik.${service}`, topics })) {
        for (const p of partitions) {
          const end = ends.get(`${topic}|${p.partition}`) ?? 0;
          const committed = Number(p.offset) < 0 ? null : Number(p.offset);
          // A group that never committed on a partition it subscribes to has all of it ahead.
          behind += committed === null ? 0 : Math.max(0, end - committed);
        }
      }
      lag[service] = behind;
    }
    return lag;
  } finally {
    await admin.disconnect();
    await connection.close();
  }
}
