import type { OutboxBatch, OutboxMessage } from '@otklik/messaging';

/**
 * An event waiting to be published. It is written inside the post's own document, in the same
 * single-document write that moves the post to its new revision: without multi-document
 * transactions (FerretDB) this is what makes "record the change" and "queue its event" one step.
 * Its key is the post id, so that all events of a post stay in order on one partition.
 */
export interface OutboxEntry extends OutboxMessage {
  /** The event id, computed from (post, kind, revision): a re-publish after a crash repeats it. */
  id: string;
  createdAt: Date;
}

/**
 * Events of one post still to publish, in the order they were recorded: `holder` is the post id,
 * `version` the post's revision when they were read (a later revision may hold more events).
 */
export type PendingEvents = OutboxBatch<OutboxEntry>;
