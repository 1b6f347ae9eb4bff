import { Counter, Gauge, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Prometheus metrics of the event backbone, shared by every service. */
export const messagingMetrics = {
  consumed: counter('otklik_messages_consumed_total', 'Messages handled successfully', ['topic', 'group']),
  produced: counter('otklik_messages_produced_total', 'Events published', ['topic']),
  failed: counter('otklik_messages_failed_total', 'Handler attempts that threw', ['topic', 'group']),
  deadLettered: counter('otklik_messages_dead_lettered_total', 'Messages sent to a dead-letter topic', ['topic', 'group', 'reason']),
  consumerReplaced: counter('otklik_consumer_replaced_total', 'Consumers replaced after a crash (kafkajs restarts are off)', ['group']),
  duplicates: counter('otklik_messages_duplicate_total', 'Redelivered events skipped by the ledger', ['topic', 'group']),
  handlerDuration:
    (register.getSingleMetric('otklik_handler_duration_seconds') as Histogram<string> | undefined) ??
    new Histogram({
      name: 'otklik_handler_duration_seconds',
      help: 'Time to handle one message',
      labelNames: ['topic', 'group'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    }),
  outboxPublished: counter('otklik_outbox_published_total', 'Outbox events handed to the broker by the relay', ['outbox']),
  outboxFailures: counter('otklik_outbox_publish_failures_total', 'Outbox publishes that failed (the events stay pending)', ['outbox']),
  outboxWaiting:
    (register.getSingleMetric('otklik_outbox_waiting') as Gauge<string> | undefined) ??
    new Gauge({ name: 'otklik_outbox_waiting', help: 'Holders whose outbox events wait in memory to be published or cleared', labelNames: ['outbox'] }),
  lag:
    (register.getSingleMetric('otklik_consumer_lag') as Gauge<string> | undefined) ??
    new Gauge({ name: 'otklik_consumer_lag', help: 'Messages behind the partition high watermark', labelNames: ['topic', 'partition', 'group'] }),
};
