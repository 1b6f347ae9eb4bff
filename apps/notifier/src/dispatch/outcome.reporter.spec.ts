import pino from 'pino';
import { createEvent, EventEnvelope, TOPICS, TopicName } from '@otklik/contracts';
import { EventPublisher, PublishOptions } from '@otklik/messaging';
import { InMemoryDeliveryStore } from '../testing/memory-delivery-store';
import { OutcomeReporter } from './outcome.reporter';

/** Builds envelopes the way the real publisher does and keeps them. */
class KeepingPublisher {
  readonly sent: { topic: string; envelope: EventEnvelope }[] = [];

  async publish(topic: TopicName, payload: object, options: PublishOptions): Promise<EventEnvelope> {
    const envelope = createEvent(topic, payload as never, options, options.occurredAt, 'notifier') as EventEnvelope;
    this.sent.push({ topic, envelope });
    return envelope;
  }
}

describe('OutcomeReporter', () => {
  it('gives an outcome reported twice at once (the sender and the sweep) one event id', async () => {
    const store = new InMemoryDeliveryStore();
    const publisher = new KeepingPublisher();
    const reporter = new OutcomeReporter(store, publisher as unknown as EventPublisher, pino({ level: 'silent' }));
    const now = new Date('2026-03-02T09:00:00Z');
    const { record } = await store.insertIfAbsent(
      {
        eventId: '0190aaaa-0000-7000-8000-000000000001',
        recipient: 'escalation:supervisor/email:supervisor@mc.test',
        channel: 'email',
        address: 'supervisor@mc.test',
        kind: 'sla.escalated',
        incidentId: 'inc-1',
        message: { subject: 'Просрочка', text: 'Просрочка по обращению' },
        notBefore: now,
      },
      now,
    );
    await store.claim(record.id, now, 60_000);
    const sent = await store.markSent(record.id, undefined, new Date('2026-03-02T09:00:01Z'));
    // The sweep reads the record as unreported while the sender is still reporting it.
    await Promise.all([reporter.sent(sent!), reporter.reportPending()]);
    expect(publisher.sent.map((s) => s.topic)).toEqual([TOPICS.notificationSent, TOPICS.notificationSent]);
    expect(new Set(publisher.sent.map((s) => s.envelope.id)).size).toBe(1);
    expect(await store.findUnreported(10)).toEqual([]);
  });
});
