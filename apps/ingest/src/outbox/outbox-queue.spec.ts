import type { OutboxEntry, PendingEvents } from './outbox.model';
import { OutboxQueue } from './outbox-queue';

const event = (id: string): OutboxEntry => ({
  id,
  topic: 't',
  key: 'k',
  createdAt: new Date(0),
  envelope: { id, type: 'post.received', schemaVersion: 1, occurredAt: '', producedBy: 'ingest', correlationId: id, payload: {} },
});
const pending = (postId: string, revision: number, ...ids: string[]): PendingEvents => ({ postId, revision, events: ids.map(event) });

describe('OutboxQueue', () => {
  it('hands out posts in arrival order, about as many events as asked', () => {
    const queue = new OutboxQueue();
    queue.push(pending('a', 1, 'a1'));
    queue.push(pending('b', 1, 'b1', 'b2'));
    queue.push(pending('c', 1, 'c1'));
    expect(queue.take(2).map((p) => p.postId)).toEqual(['a', 'b']);
    expect(queue.take(10).map((p) => p.postId)).toEqual(['c']);
    expect(queue.size).toBe(0);
  });

  it('keeps the latest revision of a post and ignores an older one', () => {
    const queue = new OutboxQueue();
    queue.push(pending('a', 2, 'a1', 'a2'));
    queue.push(pending('a', 1, 'a1'));
    expect(queue.take(10)).toEqual([pending('a', 2, 'a1', 'a2')]);
  });

  it('takes back a failed batch without overwriting a newer entry', () => {
    const queue = new OutboxQueue();
    const taken = [pending('a', 1, 'a1'), pending('b', 1, 'b1')];
    queue.push(pending('b', 2, 'b1', 'b2'));
    queue.restore(taken);
    expect(queue.take(10)).toEqual([pending('b', 2, 'b1', 'b2'), pending('a', 1, 'a1')]);
  });

  it('tells its listener about every push', () => {
    const queue = new OutboxQueue();
    let calls = 0;
    queue.onPush(() => {
      calls += 1;
    });
    queue.push(pending('a', 1, 'a1'));
    expect(calls).toBe(1);
  });
});
