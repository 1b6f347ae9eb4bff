import type { Channel } from '@otklik/contracts';
import { ChannelSender } from '../delivery/delivery.types';
import { InMemoryDeliveryStore } from './memory-delivery-store';
import { DeliveryRecord } from '../delivery-log/delivery-log.store';
import { DeliveryService } from '../dispatch/delivery.service';
import { RetryPolicy, RetrySettings } from '../dispatch/retry-policy';

/** A clock the test moves by hand: backoff is checked without waiting for it. */
export class ManualClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t);
  set(d: Date): void {
    this.t = d.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Outcomes recorded in order, as the service would publish them. */
export class RecordedOutcomes {
  readonly sent: DeliveryRecord[] = [];
  readonly failed: DeliveryRecord[] = [];
  readonly retries: string[] = [];
  asOutcomes() {
    return {
      sent: async (r: DeliveryRecord) => void this.sent.push(r),
      failed: async (r: DeliveryRecord) => void this.failed.push(r),
      retrying: (_r: DeliveryRecord, e: string) => void this.retries.push(e),
    };
  }
}

const FAST: RetrySettings = { maxAttempts: 4, baseDelayMs: 10_000, maxDelayMs: 60_000 };

/** A DeliveryService on the in-memory log with a manual clock and jitter-free backoff. */
export function deliveryHarness(senders: ChannelSender[], start = new Date('2026-03-02T09:00:00Z')) {
  const clock = new ManualClock(start.getTime());
  const store = new InMemoryDeliveryStore();
  const outcomes = new RecordedOutcomes();
  const settings = { email: FAST, telegram: FAST, webhook: FAST, vk: FAST, ok: FAST } satisfies Record<Channel, RetrySettings>;
  const service = new DeliveryService(store, new Map(senders.map((s) => [s.channel, s])), new RetryPolicy(settings, () => 0.5), outcomes.asOutcomes(), { leaseMs: 60_000, clock: clock.now });
  return { clock, store, outcomes, service };
}
