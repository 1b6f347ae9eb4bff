import { TOPICS } from '@otklik/contracts';
import { metricsOf } from '../dashboards/metrics';
import { Fixture, minutes, routed } from '../testing/event-fixtures';
import { attached, merged, split } from '../testing/grouping-fixtures';
import { incidentKeysOf } from './event-keys';
import { enrichIncident } from './incident.enrich';
import { reduceIncident } from './incident.reducer';
import { TimelineEntry, toTimelineEntry, withEntry } from './timeline-entry';

const T0 = new Date('2026-03-02T07:00:00Z');
const entry = (f: Fixture): TimelineEntry => toTimelineEntry(f.topic, f.envelope);
/** The timeline of one incident: the events whose keys name it, in time order. */
const timelineOf = (incidentId: string, fixtures: Fixture[]): TimelineEntry[] =>
  fixtures
    .map(entry)
    .filter((e) => incidentKeysOf(e).includes(incidentId))
    .reduce<TimelineEntry[]>((timeline, e) => withEntry(timeline, e) ?? timeline, []);
const view = (incidentId: string, fixtures: Fixture[]) => enrichIncident(reduceIncident(incidentId, timelineOf(incidentId, fixtures)), [], { lowConfidence: 0.6, topicNames: () => [] });

describe("posts grouped, merged and split in desk's read model", () => {
  it("shows a grouped post among the incident's posts, with when and why it joined", () => {
    const incident = view('1', [routed('1', ['p1'], 'gzhi', T0), attached('1', ['p1', 'p2'], 'p2', minutes(T0, 30), 'p1')]);
    expect(incident.postIds).toEqual(['p1', 'p2']);
    expect(incident.grouping?.joined).toEqual([{ postId: 'p2', at: minutes(T0, 30).toISOString(), how: 'grouped', duplicateOf: 'p1' }]);
  });

  it("keeps a grouped post when the routing that preceded it is stamped later (another service's clock)", () => {
    const incident = view('1', [attached('1', ['p1', 'p2'], 'p2', T0), routed('1', ['p1'], 'gzhi', minutes(T0, 1))]);
    expect(incident.postIds).toEqual(['p1', 'p2']);
  });

  it("puts a merge in both incidents' timelines: the posts move, each incident names the other", () => {
    const events = [routed('1', ['p1'], 'gzhi', T0), routed('2', ['p2'], 'gzhi', T0), merged('2', '1', ['p2'], ['p1', 'p2'], minutes(T0, 20))];
    const into = view('1', events);
    const gone = view('2', events);
    expect(into.postIds).toEqual(['p1', 'p2']);
    expect(into.grouping).toMatchObject({ joined: [{ postId: 'p2', how: 'merged', fromIncidentId: '2', fromNumber: '78-2026-000002' }], mergedFrom: [{ incidentId: '2', postIds: ['p2'] }] });
    expect(gone).toMatchObject({ mergedInto: '1', grouping: { mergedInto: { incidentId: '1', number: '78-2026-000001' } } });
    expect(timelineOf('2', events).map((e) => e.topic)).toContain(TOPICS.incidentMerged);
  });

  it('takes split posts out of the incident, and names where they went and where the new one came from', () => {
    const events = [routed('1', ['p1'], 'gzhi', T0), attached('1', ['p1', 'p2'], 'p2', minutes(T0, 5)), split('1', ['p1'], ['p2'], '3', minutes(T0, 40)), routed('3', ['p2'], 'gzhi', minutes(T0, 40))];
    const source = view('1', events);
    expect(source.postIds).toEqual(['p1']);
    expect(source.grouping?.splitInto).toEqual([{ incidentId: '3', number: '78-2026-000003', postIds: ['p2'], at: minutes(T0, 40).toISOString() }]);
    expect(view('3', events)).toMatchObject({ postIds: ['p2'], grouping: { splitFrom: { incidentId: '1', postIds: ['p2'] } } });
    expect(view('3', events.slice(0, 3)).postIds).toEqual(['p2']);
  });

  it('counts grouped posts each once, merges on the merged incident and splits on the new one', () => {
    const events = [
      routed('1', ['p1'], 'gzhi', T0),
      attached('1', ['p1', 'p2'], 'p2', minutes(T0, 5)),
      attached('1', ['p1', 'p2', 'p3'], 'p3', minutes(T0, 6)),
      attached('1', ['p1', 'p2', 'p3'], 'p3', minutes(T0, 6)),
      routed('2', ['p4'], 'gzhi', T0),
      merged('2', '1', ['p4'], ['p1', 'p2', 'p3', 'p4'], minutes(T0, 20)),
      split('1', ['p1', 'p3', 'p4'], ['p2'], '3', minutes(T0, 40)),
      routed('3', ['p2'], 'gzhi', minutes(T0, 40)),
    ];
    const keys = (id: string) =>
      metricsOf(view(id, events), 'Europe/Moscow')
        .map((k) => k.key)
        .filter((k) => !k.startsWith('v|'));
    expect(keys('1')).toEqual(['g|2026-03-02|housing|40911000|p2', 'g|2026-03-02|housing|40911000|p3']);
    expect(keys('2')).toEqual(['m|2026-03-02|housing|40911000']);
    expect(keys('3')).toEqual(['s|2026-03-02|housing|40911000']);
    expect(metricsOf(view('1', events), 'Europe/Moscow').find((k) => k.kind === 'g')?.counter).toBe('g|2026-03-02|housing|40911000');
  });
});
