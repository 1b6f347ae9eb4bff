import { withTopicCode } from '@otklik/contracts';
import { ClockEvent, ClockState, EventFacts } from '../clock/clock.types';

/**
 * One incident's clock as stored (collection `clocks`). `rev` guards every write: a transition
 * is computed from one revision and applies only if the document still has it. `outbox` holds
 * the events of the last committed transitions until they are published, in the same document
 * write as the state, since FerretDB has no multi-document transactions.
 *
 * Clocks are spread over `clocks_<nn>` collections by a hash of the incident id: FerretDB 1.x
 * answers even an `_id` look-up with a scan of the whole collection, so a million clocks in one
 * collection would cost a second per read. Timers are found by `dueDay` (UTC day of `nextAt`)
 * equality, the one kind of filter FerretDB hands down to PostgreSQL.
 */
export interface ClockDocument {
  _id: string;
  rev: number;
  /** The timer: when the clock next needs a look (null = nothing scheduled). Indexed. */
  nextAt: Date | null;
  /** Days since the epoch (UTC) of `nextAt`; null with it. */
  dueDay: number | null;
  agencyId: string;
  status: ClockState['status'];
  state: ClockState;
  outbox: ClockEvent[];
  /** True while the outbox may hold unpublished events (found after a crash by equality). */
  outboxPending: boolean;
  updatedAt: Date;
}

/**
 * A stored clock in the current form. Clocks written before the taxonomy's topic was named
 * `topicCode` keep `topic` in their state and outbox events until they are next written; every
 * read goes through here, so nothing else sees the old name.
 */
export function currentClock(doc: ClockDocument): ClockDocument {
  // Timer loads read thousands of clocks: a current one is returned as it is, not copied.
  if (doc.state.topicCode !== undefined && doc.outbox.every((e) => e.facts.topicCode !== undefined)) return doc;
  return { ...doc, state: withTopicCode<ClockState>(doc.state), outbox: doc.outbox.map((e) => ({ ...e, facts: withTopicCode<EventFacts>(e.facts) }) as ClockEvent) };
}

/** Prefix of the clock collections: `clocks_00` … */
export const CLOCK_COLLECTION_PREFIX = 'clocks_';

/** Indexes each clock collection needs on MongoDB; created at start (unique _id is implicit). */
export const CLOCK_INDEXES = [
  { key: { dueDay: 1 }, name: 'dueDay_1' },
  { key: { outboxPending: 1 }, name: 'outboxPending_1' },
] as const;

/** A small document that records how far the timers were processed (for catch-up after downtime). */
export interface ClockMarkDocument {
  _id: string;
  /** Last instant up to which every due timer was handed to the engine. */
  processedUntil: Date;
}

export const CLOCK_MARKS = 'clock_marks';

const DAY_MS = 86_400_000;

/** UTC day number of an instant. */
export function dayOf(instant: number): number {
  return Math.floor(instant / DAY_MS);
}
