import { createEvent, PayloadOf, TOPICS } from '@otklik/contracts';
import { ClockEvent } from '../clock/clock.types';
import { toOutgoing } from './clock-event.mapper';
import { KafkaClockSink } from './kafka-clock.sink';
import type { EventPublisher } from '@otklik/messaging';

const facts = { incidentId: 'i1', agencyId: 'a1', topicCode: 'roads', policy: 'social-post@1', phase: 'first_answer' as const, dueAt: Date.parse('2025-03-03T11:48:00Z') };
const at = Date.parse('2025-03-03T11:48:00Z');

describe('clock events', () => {
  it.each<ClockEvent>([
    { key: 'k', at, facts, kind: 'armed', workingMinutes: 240, roundTheClock: false, calendarKnown: true },
    { key: 'k', at, facts, kind: 'warning', percent: 75 },
    { key: 'k', at, facts, kind: 'breached' },
    { key: 'k', at, facts, kind: 'met', onTime: false, minutesTaken: 312, answerId: 'a1' },
    { key: 'k', at, facts, kind: 'escalated', level: 2, role: 'supervisor', repeat: 1 },
    { key: 'k', at, facts, kind: 'reopened', reason: 'formal non-answer', answerId: 'a1' },
    { key: 'k', at, facts, kind: 'resumed' },
  ])('maps a $kind event to a payload its contract accepts', (event) => {
    const out = toOutgoing(event);
    expect(() => createEvent(out.topic, out.payload as PayloadOf<typeof out.topic>)).not.toThrow();
    expect(out.payload).toMatchObject({ incidentId: 'i1', topicCode: 'roads', dueAt: '2025-03-03T11:48:00.000Z' });
  });

  it('maps a pause to a payload its contract accepts, without the deadline it suspends', () => {
    const out = toOutgoing({ key: 'k', at, facts, kind: 'paused', reason: 'awaiting_clarification', usedMinutes: 60 });
    expect(out.topic).toBe(TOPICS.slaPaused);
    expect(() => createEvent(out.topic, out.payload as PayloadOf<typeof out.topic>)).not.toThrow();
    expect(out.payload).toEqual({
      incidentId: 'i1',
      agencyId: 'a1',
      topicCode: 'roads',
      policy: 'social-post@1',
      phase: 'first_answer',
      pausedAt: '2025-03-03T11:48:00.000Z',
      reason: 'awaiting_clarification',
      usedWorkingMinutes: 60,
    });
  });

  it('publishes a pause and a resume of one instant with ids in that order, for any incident', async () => {
    const sent: { topic: string; id: string }[] = [];
    const publisher = { send: async (topic: string, envelope: { id: string }) => void sent.push({ topic, id: envelope.id }) } as unknown as EventPublisher;
    const sink = new KafkaClockSink(publisher);
    for (let n = 0; n < 50; n++) {
      const incident = { ...facts, incidentId: `i-${n}` };
      await sink.publish([
        { key: `i-${n}/1/resumed`, at, facts: incident, kind: 'resumed' },
        { key: `i-${n}/1/paused`, at, facts: incident, kind: 'paused', reason: 'returned', usedMinutes: 10 },
      ]);
    }
    const ids = (topic: string) => sent.filter((s) => s.topic === topic).map((s) => s.id);
    const [paused, resumed] = [ids(TOPICS.slaPaused), ids(TOPICS.slaResumed)];
    expect(paused).toHaveLength(50);
    paused.forEach((id, n) => expect(id < resumed[n]).toBe(true));
  });
});
