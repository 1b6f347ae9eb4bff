import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { deadLetterTopic } from '@otklik/contracts';
import './kafkajs-request-queue.patch';
import { MessagingOptions, physicalTopic } from './messaging.options';

/** Where kafkajs log lines go; the platform passes its structured logger. */
export interface MessagingLogger {
  info(message: string, context?: object): void;
  warn(message: string, context?: object): void;
  error(message: string, context?: object): void;
}

// Known and accepted: a send that gives up after its retries may be repeated by the caller, and
// consumers absorb the duplicate through the ledger's event-id claim.
const ACCEPTED_WARNINGS = ['Limiting retries for the idempotent producer'];

function logCreatorFor(logger: MessagingLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const line = `kafkajs ${namespace}: ${message}`;
      const accepted = ACCEPTED_WARNINGS.some((known) => message.startsWith(known));
      if ((level === logLevel.ERROR || level === logLevel.WARN) && !accepted) logger.warn(line, extra);
      else logger.info(line, extra);
    };
}

/** One service's connection to Kafka: the client, an admin and the idempotent producer. */
export class KafkaConnection {
  readonly kafka: Kafka;
  private admin?: Admin;
  private producer?: Producer;
  private producerConnected = false;

  constructor(
    readonly options: MessagingOptions,
    readonly logger: MessagingLogger,
  ) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: logCreatorFor(logger),
      retry: { initialRetryTime: 200, retries: 8 },
      connectionTimeout: 3000,
      ssl: options.ssl,
      sasl: options.sasl,
    });
  }

  /**
   * Creates the catalogue topics (and their dead-letter topics) that do not exist yet and waits
   * until every partition has a leader. A fresh broker answers "does not host this
   * topic-partition" for a while after creation, so both steps retry until `timeoutMs`.
   */
  async ensureTopics(topics: readonly string[], timeoutMs = 60000): Promise<void> {
    const admin = await this.getAdmin();
    const wanted = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]).map((t) => physicalTopic(this.options, t)))];
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((topic) => !existing.has(topic));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replicationFactor })),
          });
        }
        const metadata = await admin.fetchTopicMetadata({ topics: wanted });
        if (metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics have no leaders after ${timeoutMs} ms: ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, 1000)));
    }
  }

  /** Those of `topics` (catalogue names) that exist on the broker; none is created. */
  async existingTopics(topics: readonly string[]): Promise<string[]> {
    if (topics.length === 0) return [];
    const existing = new Set(await (await this.getAdmin()).listTopics());
    return topics.filter((topic) => existing.has(physicalTopic(this.options, topic)));
  }

  /** The idempotent producer (acks from all in-sync replicas), connected on first use. */
  async getProducer(): Promise<Producer> {
    if (!this.producer) {
      this.producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
      this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    }
    if (!this.producerConnected) await this.producer.connect();
    return this.producer;
  }

  /** Asks the cluster for its brokers; rejects when no broker answers within `timeoutMs`. */
  async ping(timeoutMs = 2000): Promise<void> {
    const admin = await this.getAdmin();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no Kafka broker answered in ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([admin.describeCluster(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether the producer holds a live connection. */
  get producerReady(): boolean {
    return this.producerConnected;
  }

  /** Disconnects the producer and the admin client. */
  async close(): Promise<void> {
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = undefined;
    this.admin = undefined;
    this.producerConnected = false;
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 2, initialRetryTime: 100 } });
      await this.admin.connect();
    }
    return this.admin;
  }
}
