/** SASL credentials for a managed cluster. */
export type SaslOptions = { username: string; password: string } & ({ mechanism: 'plain' } | { mechanism: 'scram-sha-256' } | { mechanism: 'scram-sha-512' });

/** How a service talks to Kafka. Built from validated config by the platform lib. */
export interface MessagingOptions {
  /** TLS to the brokers (managed clusters); off for the local broker. */
  ssl?: boolean;
  /** SASL authentication, when the cluster asks for it. */
  sasl?: SaslOptions;
  /** Bootstrap brokers, `host:port`. */
  brokers: string[];
  /** Client id reported to the broker; the service name. */
  clientId: string;
  /** Stable consumer group id, e.g. `otklik.router` (documented in docs/events.md). */
  groupId: string;
  /** Prepended to every topic and group name; isolates test runs on a shared broker. */
  topicPrefix: string;
  /** Partitions of topics this service creates. */
  partitions: number;
  /** Replication factor of topics this service creates. */
  replicationFactor: number;
  /** Attempts of a failing handler before the message is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; each next one is four times longer. */
  retryBackoffMs: number;
  /** Messages of different keys handled at once within a batch. */
  concurrency: number;
  /** How long the publisher waits to fill a batch. */
  lingerMs: number;
  /** Most bytes fetched from one partition at once: the size of a consumer batch. */
  maxBatchBytes: number;
}

/** Defaults that suit a single-node development broker. */
export const DEFAULT_MESSAGING_OPTIONS: Omit<MessagingOptions, 'clientId' | 'groupId'> = {
  brokers: ['127.0.0.1:9092'],
  topicPrefix: '',
  partitions: 3,
  replicationFactor: 1,
  maxAttempts: 3,
  retryBackoffMs: 200,
  concurrency: 64,
  lingerMs: 2,
  maxBatchBytes: 1048576,
};

/** Physical topic name for a catalogue topic under the configured prefix. */
export function physicalTopic(options: Pick<MessagingOptions, 'topicPrefix'>, topic: string): string {
  return `${options.topicPrefix}${topic}`;
}

/** Catalogue topic name for a physical topic, or undefined when it lacks the prefix. */
export function logicalTopic(options: Pick<MessagingOptions, 'topicPrefix'>, topic: string): string | undefined {
  return topic.startsWith(options.topicPrefix) ? topic.slice(options.topicPrefix.length) : undefined;
}
