import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, EVENT_CATALOGUE, EventEnvelope, EventValidationError, PostDeletedV1, PostReceivedV1, TOPICS } from '@otklik/contracts';
import { postEventId } from './post-ids';
import type { OutboxEntry } from './outbox.model';

type PostTopic = typeof TOPICS.postReceived | typeof TOPICS.postEdited | typeof TOPICS.postDeleted;

function entry(topic: PostTopic, id: string, correlationId: string, key: string, payload: object, now: Date): OutboxEntry {
  const descriptor: { type: string; schemaVersion: number; producedBy: string; payload: new () => object } = EVENT_CATALOGUE[topic];
  const issues = describeValidationErrors(validateSync(plainToInstance(descriptor.payload, payload)), 'payload');
  if (issues.length > 0) throw new EventValidationError(topic, issues);
  const envelope: EventEnvelope = {
    id,
    type: descriptor.type,
    schemaVersion: descriptor.schemaVersion,
    occurredAt: now.toISOString(),
    producedBy: descriptor.producedBy,
    correlationId,
    causationId: undefined,
    payload,
  };
  return { id, topic, key, envelope, createdAt: now };
}

/** post.received: the event starts its own correlation, later events of the post join it. */
export function postReceivedEntry(post: PostReceivedV1, revision: number, now: Date): OutboxEntry {
  const id = postEventId('received', post.platform, post.externalId, revision, new Date(post.createdAt));
  return entry(TOPICS.postReceived, id, id, post.postId, post, now);
}

/** post.edited at `revision`, correlated with the post's received event. */
export function postEditedEntry(post: PostReceivedV1, revision: number, correlationId: string, now: Date): OutboxEntry {
  const id = postEventId('edited', post.platform, post.externalId, revision, new Date(post.createdAt));
  return entry(TOPICS.postEdited, id, correlationId, post.postId, post, now);
}

/** post.deleted at `deletion.revision`, correlated with the post's received event. */
export function postDeletedEntry(deletion: PostDeletedV1, postCreatedAt: Date, correlationId: string, now: Date): OutboxEntry {
  const id = postEventId('deleted', deletion.platform, deletion.externalId, deletion.revision ?? 1, postCreatedAt);
  return entry(TOPICS.postDeleted, id, correlationId, deletion.postId, deletion, now);
}
