import type { ClockEvent } from '../clock/clock.types';

/** Where committed clock events go (the Kafka publisher in the service, a recorder in benches). */
export interface ClockEventSink {
  /** Resolves once every event is durably handed over; events of one clock come in order. */
  publish(events: ClockEvent[]): Promise<void>;
}
