import { inReadingOrder } from './timeline-entry';

const AT = '2026-12-07T10:00:00.000Z';
const entry = (eventId: string, at: string, causationId?: string) => ({ eventId, at, ...(causationId && { causationId }) });

describe('the timeline in reading order', () => {
  it('puts an event after the one it answers within one instant, whatever their ids', () => {
    const answered = entry('z-answer', AT, 'a-acknowledged');
    const met = entry('a-met', AT, 'z-answer');
    const closed = entry('b-state', AT, 'z-answer');
    const acknowledged = entry('a-acknowledged', '2026-12-07T09:59:00.000Z');
    expect(inReadingOrder([met, closed, answered, acknowledged]).map((e) => e.eventId)).toEqual(['a-acknowledged', 'z-answer', 'a-met', 'b-state']);
  });

  it('keeps time first and ids next when no cause of the same instant is known', () => {
    const later = entry('a', '2026-12-07T10:00:01.000Z', 'b');
    const stored = [entry('c', AT), entry('b', AT), later];
    expect(inReadingOrder(stored).map((e) => e.eventId)).toEqual(['b', 'c', 'a']);
  });

  it('survives entries that name each other as their cause', () => {
    expect(
      inReadingOrder([entry('b', AT, 'a'), entry('a', AT, 'b')])
        .map((e) => e.eventId)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
