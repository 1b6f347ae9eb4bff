import { Kafka, logLevel } from 'kafkajs';

/**
 * Deletes the topics and consumer groups whose names start with `prefix` (a test run's or a
 * bench's own namespace), so that a long-lived broker does not fill up with them. Returns how
 * many topics went.
 */
export async function deleteTopicsWithPrefix(brokers: string[], prefix: string): Promise<number> {
  if (!prefix) throw new Error('refusing to delete topics without a prefix');
  const admin = new Kafka({ clientId: 'otklik-cleanup', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 3000 }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}
