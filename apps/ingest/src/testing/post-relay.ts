import { OutboxRelay, type OutboxSender } from '@otklik/messaging';
import type { PendingEvents } from '../posts/outbox.model';
import type { PostStore } from '../posts/post.store';

/** The posts' relay as the service builds it, not started: specs drive it (`drain`, `publishBatch`). */
export function postRelay(posts: PostStore, sender: OutboxSender): OutboxRelay<PendingEvents> {
  return new OutboxRelay(posts, sender, { name: 'ingest.posts' });
}
