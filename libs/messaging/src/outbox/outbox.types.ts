import type { EventEnvelope } from '@otklik/contracts';

/** One event waiting in an outbox, as it will be sent: its id was fixed when the change was recorded. */
export interface OutboxMessage {
  topic: string;
  /** Kafka key: the holder's aggregate, so that its events stay in order on one partition. */
  key: string;
  envelope: EventEnvelope;
}

/**
 * The events one holder (a post, an incident, a clock, the commands about one subject) keeps to
 * publish, as read or written at one version of it. Events are published in this order, and one
 * holder's batches one after the other, never two at once.
 */
export interface OutboxBatch<M extends OutboxMessage = OutboxMessage> {
  /** Whose events these are; batches of one holder waiting together are merged. */
  holder: string;
  /** The holder's version when its events were read or written; a store may clear by it (compare-and-set). */
  version: number;
  events: M[];
}

/** What a service implements over its own documents for the relay. */
export interface OutboxStore<B extends OutboxBatch> {
  /** Holders with events still to publish, those waiting longest first (what a crash left behind). */
  pending(limit: number): Promise<B[]>;
  /** Removes published events from their holders, leaving any recorded since. */
  markPublished(published: B[]): Promise<void>;
}

/** Hands messages to the broker; resolves once it has all of them, each key's in the given order. */
export interface OutboxSender<M extends OutboxMessage = OutboxMessage> {
  publish(messages: M[]): Promise<void>;
}

/** Where the relay reports what goes wrong in the background (pino's argument order). */
export interface OutboxLogger {
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

/** Tuning of a relay. */
export interface OutboxRelayOptions {
  /** Names the outbox in logs and metrics (`ingest.posts`, `router.incidents`). */
  name: string;
  /** Most events per publish. */
  batchSize: number;
  /** How often the store is swept for events no writer handed over (left by a crash). */
  sweepIntervalMs: number;
  /** Clearing writes (each of up to `markBatchSize` holders) running at the same time. */
  markConcurrency: number;
  /** Most holders whose published events are removed in one call to the store. */
  markBatchSize: number;
  /** Pause of the running relay when nothing waits (a handed-over batch ends it at once). */
  idleMs: number;
  /** Longest wait at stop for clearing writes still running (what they leave is swept next start). */
  stopWaitMs: number;
}

/** Defaults: 500 events, a sweep a minute, 2 clearing writes of up to 500 holders, 200 ms idle. */
export const DEFAULT_OUTBOX_RELAY_OPTIONS: Omit<OutboxRelayOptions, 'name'> = {
  batchSize: 500,
  sweepIntervalMs: 60_000,
  markConcurrency: 2,
  markBatchSize: 500,
  idleMs: 200,
  stopWaitMs: 30_000,
};
