import { KafkaMessage } from 'kafkajs';
import { createEvent, TOPICS } from '@otklik/contracts';
import { BatchProcessor, HandlerInvoker } from './batch-processor';
import { EventPublisher } from './event-publisher';
import { DEFAULT_MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { ProcessedEventLedger } from './processed-event-ledger';

const options: MessagingOptions = { ...DEFAULT_MESSAGING_OPTIONS, clientId: 'spec', groupId: 'spec', maxAttempts: 2, retryBackoffMs: 1 };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function message(offset: string): KafkaMessage {
  const event = createEvent(TOPICS.postDismissed, { postId: `p-${offset}`, reason: 'kind:thanks', modelVersion: 'spec' });
  return { key: Buffer.from(`p-${offset}`), value: Buffer.from(JSON.stringify(event)), offset, timestamp: '0', attributes: 0, headers: {} } as KafkaMessage;
}

function processor(invoke: HandlerInvoker, concurrency = 1) {
  const deadLetters: string[] = [];
  const publisher = { sendRaw: async (topic: string) => void deadLetters.push(topic) } as unknown as EventPublisher;
  const ledger: ProcessedEventLedger = { watermark: async () => -1n, claim: async () => new Set(), advance: async () => undefined };
  return { deadLetters, processor: new BatchProcessor('spec', { ...options, concurrency }, publisher, ledger, quiet, invoke, () => false) };
}

/** What the MongoDB driver throws while FerretDB's PostgreSQL backend restarts. */
function backendDown(): Error {
  return Object.assign(new Error('[collection.go:109 postgresql.(*collection).Query] failed to connect to `user=postgres database=otklik`'), { name: 'MongoServerError' });
}

describe('BatchProcessor retries', () => {
  it('keeps retrying a handler through a database outage without dead-lettering the message', async () => {
    let calls = 0;
    const { processor: batch, deadLetters } = processor(async () => {
      calls += 1;
      if (calls <= 5) throw backendDown();
    });
    await batch.process(TOPICS.postDismissed, 0, [message('1')], async () => undefined);
    expect(calls).toBe(6);
    expect(deadLetters).toEqual([]);
  });

  it('keeps retrying a handler that lost to other writers of the same record (retryLater) without spending attempts', async () => {
    let calls = 0;
    const { processor: batch, deadLetters } = processor(async () => {
      calls += 1;
      if (calls <= 4) throw Object.assign(new Error('incident i-1 changed concurrently'), { retryLater: true });
    });
    await batch.process(TOPICS.postDismissed, 0, [message('1')], async () => undefined);
    expect(calls).toBe(5);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters a message whose handler fails for its own reasons after the configured attempts', async () => {
    let calls = 0;
    const { processor: batch, deadLetters } = processor(async () => {
      calls += 1;
      throw new Error('incident 42 has no agency');
    });
    await batch.process(TOPICS.postDismissed, 0, [message('1')], async () => undefined);
    expect(calls).toBe(2);
    expect(deadLetters).toHaveLength(1);
  });

  it('stops a batch at a refused heartbeat instead of handling the rest for a group that moved on', async () => {
    const handled: string[] = [];
    const { processor: batch } = processor(async (_topic, _envelope, message) => {
      handled.push(message.offset);
      await new Promise((done) => setTimeout(done, 5));
    }, 2);
    const rebalanced = Object.assign(new Error('The coordinator is not aware of this member'), { type: 'UNKNOWN_MEMBER_ID' });
    const messages = ['1', '2', '3', '4', '5'].map(message);
    // kafkajs sends a heartbeat at most once per interval; the calls in between resolve at once.
    let heartbeats = 0;
    const heartbeat = async () => {
      if (++heartbeats === 1) throw rebalanced;
    };
    await expect(batch.process(TOPICS.postDismissed, 0, messages, heartbeat)).rejects.toBe(rebalanced);
    await new Promise((done) => setTimeout(done, 50));
    // The two handled at once when the first heartbeat was refused; none after.
    expect(handled).toEqual(['1', '2']);
  });

  it('heartbeats while a slow handler runs, not only between messages', async () => {
    let heartbeats = 0;
    const { processor: batch } = processor(() => new Promise((done) => setTimeout(done, 3500)));
    await batch.process(TOPICS.postDismissed, 0, [message('1')], async () => void (heartbeats += 1));
    // One after the message; the rest while it ran.
    expect(heartbeats).toBeGreaterThanOrEqual(3);
  });
});
