import { IHeaders } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { KafkaConnection } from './kafka.connection';
import { logicalTopic, physicalTopic } from './messaging.options';

/** One message seen by a tap. */
export interface TappedMessage {
  /** Catalogue topic name (without the prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  headers: Record<string, string>;
  /** The value parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  raw: Buffer | null;
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function parse(raw: Buffer | null): unknown {
  try {
    return raw ? JSON.parse(raw.toString()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads topics with a throwaway consumer group and keeps what it sees: for operators' tooling and
 * for tests that wait on a published event instead of sleeping.
 */
export class EventTap {
  readonly messages: TappedMessage[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly close$: () => Promise<void>) {}

  /** Starts reading `topics` (catalogue names) from their beginning. */
  static async open(connection: KafkaConnection, topics: string[]): Promise<EventTap> {
    const consumer = connection.kafka.consumer({ groupId: `otklik.tap.${randomUUID()}`, allowAutoTopicCreation: false });
    const tap = new EventTap(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((t) => physicalTopic(connection.options, t)), fromBeginning: true });
    let joined: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        tap.messages.push({
          topic: logicalTopic(connection.options, topic) ?? topic,
          partition,
          offset: message.offset,
          key: message.key?.toString(),
          headers: textHeaders(message.headers),
          json: parse(message.value),
          raw: message.value,
        });
        tap.waiters.forEach((wake) => wake());
      },
    });
    await ready;
    return tap;
  }

  /** Resolves with the first message on `topic` that satisfies `match`, waiting up to `timeoutMs`. */
  async waitFor(topic: string, match: (message: TappedMessage) => boolean = () => true, timeoutMs = 60000): Promise<TappedMessage> {
    const found = () => this.messages.find((m) => m.topic === topic && match(m));
    const deadline = Date.now() + timeoutMs;
    for (let hit = found(); ; hit = found()) {
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message on ${topic} within ${timeoutMs} ms (saw ${this.messages.length} messages)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, Math.min(left, 250));
        function wake() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(wake);
      });
      this.waiters = [];
    }
  }

  /** Stops reading. */
  close(): Promise<void> {
    return this.close$();
  }
}
