import { createEvent, PayloadOf, TOPICS } from '@otklik/contracts';
import { ClockEvent } from '../clock/clock.types';
import { toOutgoing } from './clock-event.mapper';

const facts = { incidentId: 'i1', agencyId: 'a1', topic: 'roads', policy: 'social-post@1', phase: 'first_answer' as const, dueAt: Date.parse('2025-03-03T11:48:00Z') };
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
    expect(out.payload).toMatchObject({ incidentId: 'i1', topic: 'roads', dueAt: '2025-03-03T11:48:00.000Z' });
  });

  it('maps a pause to a payload its contract accepts, without the deadline it suspends', () => {
    const out = toOutgoing({ key: 'k', at, facts, kind: 'paused', reason: 'awaiting_clarification', usedMinutes: 60 });
    expect(out.topic).toBe(TOPICS.slaPaused);
    expect(() => createEvent(out.topic, out.payload as PayloadOf<typeof out.topic>)).not.toThrow();
    expect(out.payload).toEqual({
      incidentId: 'i1', agencyId: 'a1', topic: 'roads', policy: 'social-post@1', phase: 'first_answer',
      pausedAt: '2025-03-03T11:48:00.000Z', reason: 'awaiting_clarification', usedWorkingMinutes: 60,
    });
  });
});
