import { randomUUID } from 'node:crypto';
import { TOPICS } from '@otklik/contracts';
import { KafkaConnection, physicalTopic } from '@otklik/messaging';

/** The hops a post's latency is taken at, in pipeline order. */
export const HOPS = ['classified', 'routed', 'armed'] as const;
export type Hop = (typeof HOPS)[number];

const WATCHED: Record<string, Hop | 'received' | 'dismissed'> = {
  [TOPICS.postReceived]: 'received',
  [TOPICS.incidentClassified]: 'classified',
  [TOPICS.postDismissed]: 'dismissed',
  [TOPICS.incidentRouted]: 'routed',
  [TOPICS.slaArmed]: 'armed',
};

// The envelope's own fields come before its payload, so both are in the first few hundred bytes.
const CORRELATION = /"correlationId":"([^"]+)"/;
const OCCURRED = /"occurredAt":"([^"]+)"/;

interface Trace {
  received?: number;
  classified?: number;
  routed?: number;
  armed?: number;
}

/** One latency sample: the post's `post.received` occurredAt to each hop's arrival at the broker. */
export interface Sample {
  /** Wall-clock time the sample was completed (its `sla.armed` reached the broker). */
  at: number;
  classified: number;
  routed: number;
  armed: number;
}

/**
 * Follows every post of a run through the pipeline by its correlation id, reading the topics
 * with a group of its own. Start is the `occurredAt` of `post.received` (ingest recorded the post);
 * each hop is the broker timestamp of its event (when the service published it). Reads only the
 * envelope's head, not the payload, to keep its own CPU small beside the services.
 */
export class PipelineClock {
  readonly counts = { received: 0, classified: 0, dismissed: 0, routed: 0, armed: 0 };
  readonly samples: Sample[] = [];
  /** Bytes of the `post.received` messages seen (for the broker tools' record size). */
  receivedBytes = 0;
  private readonly traces = new Map<string, Trace>();
  /** Posts that came out (armed or dismissed), once each however often their events were delivered. */
  private readonly finished = new Set<string>();
  private readonly sampled = new Set<string>();
  private readonly receivedIds = new Set<string>();
  private stop?: () => Promise<void>;

  async open(connection: KafkaConnection): Promise<void> {
    const consumer = connection.kafka.consumer({ groupId: `otklik.bench-clock.${randomUUID()}`, allowAutoTopicCreation: false, maxBytesPerPartition: 4 << 20 });
    await consumer.connect();
    const byPhysical = new Map(Object.entries(WATCHED).map(([topic, hop]) => [physicalTopic(connection.options, topic), hop]));
    await consumer.subscribe({ topics: [...byPhysical.keys()], fromBeginning: true });
    let joined: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const hop = byPhysical.get(batch.topic);
        if (!hop) return;
        for (const message of batch.messages) {
          if (!message.value) continue;
          const head = message.value.toString('utf8', 0, Math.min(message.value.length, 600));
          const correlationId = CORRELATION.exec(head)?.[1];
          if (!correlationId) continue;
          this.counts[hop] += 1;
          if (hop === 'received') {
            this.receivedBytes += message.value.length;
            this.receivedIds.add(correlationId);
            this.see(correlationId, 'received', Date.parse(OCCURRED.exec(head)?.[1] ?? ''));
          } else if (hop === 'dismissed') {
            this.traces.delete(correlationId);
            this.finished.add(correlationId);
          } else {
            this.see(correlationId, hop, Number(message.timestamp));
          }
        }
      },
    });
    this.stop = () => consumer.disconnect();
    await ready;
  }

  /** Samples completed since `from` (wall clock, ms). */
  since(from: number): Sample[] {
    return this.samples.filter((s) => s.at >= from);
  }

  /** Distinct posts whose `post.received` reached the broker. */
  get published(): number {
    return this.receivedIds.size;
  }

  /** Distinct posts armed or dismissed so far. */
  get out(): number {
    return this.finished.size;
  }

  /** Traces still waiting for a later hop (linked to an open incident, or not there yet). */
  get waiting(): number {
    return this.traces.size;
  }

  close(): Promise<void> {
    return this.stop?.() ?? Promise.resolve();
  }

  private see(correlationId: string, hop: keyof Trace, at: number): void {
    if (hop === 'armed') this.finished.add(correlationId);
    const trace = this.traces.get(correlationId) ?? {};
    trace[hop] = at;
    this.traces.set(correlationId, trace);
    const { received, classified, routed, armed } = trace;
    if (received === undefined || classified === undefined || routed === undefined || armed === undefined) return;
    if (!this.sampled.has(correlationId)) this.samples.push({ at: Date.now(), classified: classified - received, routed: routed - received, armed: armed - received });
    this.sampled.add(correlationId);
    this.traces.delete(correlationId);
  }
}
