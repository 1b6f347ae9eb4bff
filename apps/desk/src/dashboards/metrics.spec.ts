import { TOPICS } from '@otklik/contracts';
import { armed, breached, Fixture, fixture, met, minutes, routed } from '../testing/event-fixtures';
import { enrichIncident } from '../projection/incident.enrich';
import { reduceIncident } from '../projection/incident.reducer';
import { toTimelineEntry, TimelineEntry, withEntry } from '../projection/timeline-entry';
import { dayIn, metricChanges, metricsOf, parseMetricKey } from './metrics';

const T0 = new Date('2026-03-02T20:30:00Z'); // 23:30 in Moscow
const options = { lowConfidence: 0.6, topicNames: () => [] };

function view(fixtures: Fixture[]) {
  const timeline = fixtures.map((f) => toTimelineEntry(f.topic, f.envelope)).reduce<TimelineEntry[]>((t, e) => withEntry(t, e) ?? t, []);
  return enrichIncident(reduceIncident('1', timeline), [], options);
}

describe('dashboard metrics', () => {
  it("counts the day in the management centre's time zone, not in UTC", () => {
    expect(dayIn('Europe/Moscow', T0)).toBe('2026-03-02');
    expect(dayIn('Europe/Moscow', minutes(T0, 31))).toBe('2026-03-03');
    expect(dayIn('Asia/Kamchatka', T0)).toBe('2026-03-03');
  });

  it('counts an incident by category and territory, and a met clock on time by agency', () => {
    const due = minutes(T0, 240);
    const keys = metricsOf(view([routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', due, T0), met('1', 'gzhi', due, minutes(T0, 60))]), 'Europe/Moscow');
    expect(keys.map((k) => k.key)).toEqual(['v|2026-03-02|housing|40911000', 'c|2026-03-03|gzhi|on|first_answer']);
    expect(keys[0]?.labels).toEqual({ territory: 'Невский район' });
  });

  it('counts a breach on the day it happened', () => {
    const due = minutes(T0, 60);
    const keys = metricsOf(view([routed('1', ['p1'], 'gzhi', T0), armed('1', 'gzhi', due, T0), breached('1', 'gzhi', due, due)]), 'Europe/Moscow');
    expect(keys.map((k) => k.key)).toContain('b|2026-03-03|gzhi|first_answer');
  });

  it('stops counting a merged incident in the volume', () => {
    const merged = fixture(
      TOPICS.incidentStateChanged,
      {
        incidentId: '1',
        number: 'n',
        from: 'routed',
        to: 'merged',
        actor: 'router',
        mergedInto: '2',
        changedAt: minutes(T0, 5).toISOString(),
      },
      minutes(T0, 5),
    );
    expect(metricsOf(view([routed('1', ['p1'], 'gzhi', T0), merged]), 'Europe/Moscow')).toEqual([]);
  });

  it('moves a count when the category changes: adds the new key and takes the old one away', () => {
    const moved = parseMetricKey('v|2026-03-02|roads|40911000');
    expect(moved).toBeDefined();
    const changes = metricChanges(['v|2026-03-02|housing|40911000'], moved ? [moved] : []);
    expect(changes.add.map((k) => k.key)).toEqual(['v|2026-03-02|roads|40911000']);
    expect(changes.remove).toEqual(['v|2026-03-02|housing|40911000']);
  });

  it('reads back the dimensions of a stored key', () => {
    expect(parseMetricKey('c|2026-03-03|gzhi|late|final_answer')?.dims).toEqual({ agency: 'gzhi', outcome: 'late', phase: 'final_answer' });
    expect(parseMetricKey('x|y')).toBeUndefined();
  });
});
