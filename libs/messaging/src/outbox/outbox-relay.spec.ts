import type { EventEnvelope } from '@otklik/contracts';
import { OutboxRelay } from './outbox-relay';
import type { OutboxBatch, OutboxMessage, OutboxSender, OutboxStore } from './outbox.types';

function message(holder: string, id: string): OutboxMessage {
  return { topic: 'otklik.test.happened.v1', key: holder, envelope: { id } as EventEnvelope };
}

function batch(holder: string, version: number, ...ids: string[]): OutboxBatch {
  return { holder, version, events: ids.map((id) => message(holder, id)) };
}

/** Holders' outboxes in memory; clearing removes the events named, like the services' stores. */
class MemoryStore implements OutboxStore<OutboxBatch> {
  readonly outboxes = new Map<string, OutboxBatch>();
  pendingGate?: Promise<void>;
  markGate?: Promise<void>;

  write(b: OutboxBatch): OutboxBatch {
    const current = this.outboxes.get(b.holder);
    this.outboxes.set(b.holder, { ...b, events: [...(current?.events ?? []), ...b.events] });
    return b;
  }

  async pending(limit: number): Promise<OutboxBatch[]> {
    await this.pendingGate;
    return [...this.outboxes.values()].filter((b) => b.events.length > 0).slice(0, limit);
  }

  async markPublished(published: OutboxBatch[]): Promise<void> {
    await this.markGate;
    for (const p of published) {
      const ids = new Set(p.events.map((e) => e.envelope.id));
      const current = this.outboxes.get(p.holder);
      if (current) current.events = current.events.filter((e) => !ids.has(e.envelope.id));
    }
  }
}

class RecordingSender implements OutboxSender {
  readonly sent: string[] = [];
  failNext = false;

  async publish(messages: OutboxMessage[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('broker unavailable');
    }
    this.sent.push(...messages.map((m) => m.envelope.id));
  }
}

function setup() {
  const store = new MemoryStore();
  const sender = new RecordingSender();
  const relay = new OutboxRelay(store, sender, { name: 'test', sweepIntervalMs: 60_000 });
  return { store, sender, relay };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('OutboxRelay', () => {
  it('publishes handed-over events in order and clears them from the store', async () => {
    const { store, sender, relay } = setup();
    relay.offer([store.write(batch('a', 1, 'a1')), store.write(batch('b', 1, 'b1'))]);
    relay.offer([store.write(batch('a', 2, 'a2'))]);
    expect(await relay.drain()).toBe(3);
    expect(sender.sent).toEqual(['a1', 'a2', 'b1']);
    expect(await store.pending(10)).toEqual([]);
  });

  it('keeps the events of a failed publish and sends them before what their holder recorded since', async () => {
    const { store, sender, relay } = setup();
    await relay.sweep();
    relay.offer([store.write(batch('a', 1, 'a1'))]);
    sender.failNext = true;
    await expect(relay.publishBatch()).rejects.toThrow('broker unavailable');
    relay.offer([store.write(batch('a', 2, 'a2'))]);
    await relay.drain();
    expect(sender.sent).toEqual(['a1', 'a2']);
  });

  it('publishes from a sweep what a crash left in the store, with the same ids', async () => {
    const { store, sender, relay } = setup();
    store.write(batch('a', 1, 'a1'));
    expect(await relay.drain()).toBe(1);
    expect(sender.sent).toEqual(['a1']);
  });

  it('publishes while a sweep is under way and leaves out of it the holders published meanwhile', async () => {
    const { store, sender, relay } = setup();
    const gate = deferred();
    store.pendingGate = gate.promise;
    const sweep = relay.sweep();
    relay.offer([store.write(batch('a', 1, 'a1'))]);
    expect(await relay.publishBatch()).toBe(1);
    store.markGate = new Promise(() => undefined);
    gate.resolve();
    await sweep;
    expect(await relay.publishBatch()).toBe(0);
    expect(sender.sent).toEqual(['a1']);
  });

  it('resolves publishNow once the broker has the events, without waiting for their clearing', async () => {
    const { store, sender, relay } = setup();
    store.markGate = new Promise(() => undefined);
    await relay.publishNow([store.write(batch('a', 1, 'a1', 'a2'))]);
    expect(sender.sent).toEqual(['a1', 'a2']);
    expect(relay.waiting).toBe(1);
  });

  it('waits for the clearing when publishNow is asked to', async () => {
    const { store, relay } = setup();
    await relay.publishNow([store.write(batch('a', 1, 'a1'))], { untilCleared: true });
    expect(store.outboxes.get('a')?.events).toEqual([]);
  });

  it('rejects publishNow when the publish fails, and publishes the events later', async () => {
    const { store, sender, relay } = setup();
    sender.failNext = true;
    await expect(relay.publishNow([store.write(batch('a', 1, 'a1'))])).rejects.toThrow('broker unavailable');
    await relay.publishAll();
    expect(sender.sent).toEqual(['a1']);
  });

  it('publishes one batch of a holder at a time: a later one waits for the one in flight', async () => {
    const store = new MemoryStore();
    const gate = deferred();
    const sent: string[] = [];
    const sender: OutboxSender = {
      publish: async (messages) => {
        if (messages.some((m) => m.envelope.id === 'a1')) await gate.promise;
        sent.push(...messages.map((m) => m.envelope.id));
      },
    };
    const relay = new OutboxRelay(store, sender, { name: 'test' });
    const first = relay.publishNow([store.write(batch('a', 1, 'a1'))]);
    const second = relay.publishNow([store.write(batch('a', 2, 'a2'))]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(sent).toEqual(['a1', 'a2']);
  });

  it('publishes in the background once started, and stops', async () => {
    const { store, sender, relay } = setup();
    relay.start();
    const published = new Promise<void>((resolve) => {
      const poll = () => (sender.sent.length > 0 ? resolve() : setTimeout(poll, 5));
      poll();
    });
    relay.offer([store.write(batch('a', 1, 'a1'))]);
    await published;
    await relay.stop();
    expect(sender.sent).toEqual(['a1']);
  });
});
