import { TOPICS } from '@otklik/contracts';
import { answered, answerFlagged, citizenVerdict, fixture, Fixture, minutes, reopened, returned, routed } from '../testing/event-fixtures';
import { metricsOf } from '../dashboards/metrics';
import { toTimelineEntry, TimelineEntry, withEntry } from '../projection/timeline-entry';
import { qualityFacts } from '../dashboards/quality-facts';
import { rating, ratingComponents, QualityCounts } from './rating.formula';
import { QualityReport, ratingsCsv } from './ratings.service';

const T0 = new Date('2026-03-02T08:00:00Z');

function timeline(fixtures: Fixture[]): TimelineEntry[] {
  return fixtures.map((f) => toTimelineEntry(f.topic, f.envelope)).reduce<TimelineEntry[]>((t, e) => withEntry(t, e) ?? t, []);
}

const counts = (extra: Partial<QualityCounts>): QualityCounts => ({
  received: 0,
  answers: 0,
  flagged: 0,
  reopened: 0,
  disputed: 0,
  confirmed: 0,
  misrouted: 0,
  onTime: 0,
  late: 0,
  ...extra,
});

describe("an agency's quality facts", () => {
  it('counts what the agency received and answered, a flagged answer, a reopening, a dispute and a confirmation', () => {
    const facts = qualityFacts(
      timeline([
        routed('1', ['p1'], 'gzhi', T0),
        answered('1', 'a1', 'gzhi', minutes(T0, 60)),
        answerFlagged('1', 'a1', 'gzhi', minutes(T0, 61)),
        citizenVerdict('1', 'disputed', 'gzhi', minutes(T0, 120)),
        reopened('1', 'gzhi', minutes(T0, 360), minutes(T0, 121)),
        answered('1', 'a2', 'gzhi', minutes(T0, 200)),
        citizenVerdict('1', 'confirmed', 'gzhi', minutes(T0, 300)),
      ]),
    );
    expect(facts.map((f) => f.measure).sort()).toEqual(['answers', 'answers', 'confirmed', 'disputed', 'flagged', 'received', 'reopened']);
    expect(new Set(facts.map((f) => f.agencyId))).toEqual(new Set(['gzhi']));
  });

  it('charges a return held past the grace, and one that came back to the agency; not a quick one', () => {
    const quick = qualityFacts(timeline([routed('1', ['p1'], 'zha', T0), returned('1', 'zha', minutes(T0, 30), 0)]));
    expect(quick.filter((f) => f.measure === 'misrouted')).toEqual([]);
    const late = qualityFacts(timeline([routed('1', ['p1'], 'zha', T0), returned('1', 'zha', minutes(T0, 300), 60)]));
    expect(late.filter((f) => f.measure === 'misrouted')).toHaveLength(1);
    const cameBack = qualityFacts(
      timeline([
        routed('1', ['p1'], 'zha', T0),
        returned('1', 'zha', minutes(T0, 30), 0),
        fixture(TOPICS.incidentRerouted, { ...routed('1', ['p1'], 'zha', minutes(T0, 90)).envelope.payload, previousAgencyId: 'ckb', rerouteCount: 2 }, minutes(T0, 90)),
      ]),
    );
    expect(cameBack.filter((f) => f.measure === 'misrouted')).toMatchObject([{ agencyId: 'zha' }]);
  });

  it('becomes one dashboard mark per fact, each counted in the counter of its agency, measure and day', () => {
    const entries = timeline([routed('1', ['p1'], 'gzhi', T0), answered('1', 'a1', 'gzhi', minutes(T0, 60)), answered('1', 'a2', 'gzhi', minutes(T0, 90))]);
    const keys = metricsOf({ ...({} as Parameters<typeof metricsOf>[0]), clocks: [], timeline: entries }, 'Europe/Moscow').filter((k) => k.kind === 'q');
    expect(keys.map((k) => k.counter)).toEqual(['q|2026-03-02|gzhi|received', 'q|2026-03-02|gzhi|answers', 'q|2026-03-02|gzhi|answers']);
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);
  });
});

describe('the monthly rating', () => {
  it('is the weighted mean of on-time share, substance, satisfaction, stability and routing', () => {
    const c = counts({ received: 10, answers: 10, flagged: 2, reopened: 1, disputed: 1, confirmed: 3, misrouted: 1, onTime: 8, late: 2 });
    expect(ratingComponents(c)).toEqual({ onTime: 0.8, substance: 0.8, satisfaction: 0.75, stability: 0.9, routing: 0.9 });
    // 100 × (0.35·0.8 + 0.2·0.8 + 0.2·0.75 + 0.15·0.9 + 0.1·0.9) = 81.5
    expect(rating(ratingComponents(c))).toBe(81.5);
  });

  it('leaves out a component without facts and shares its weight among the rest', () => {
    const c = counts({ received: 4, answers: 4, onTime: 4 });
    expect(ratingComponents(c).satisfaction).toBeNull();
    expect(rating(ratingComponents(c))).toBe(100);
    expect(rating(ratingComponents(counts({})))).toBeNull();
  });

  it('rates disputes below confirmations, all else equal', () => {
    const base = { received: 5, answers: 5, onTime: 5 };
    expect(rating(ratingComponents(counts({ ...base, disputed: 3, reopened: 3 })))).toBeLessThan(rating(ratingComponents(counts({ ...base, confirmed: 3 }))) ?? 0);
  });

  it('writes the report as CSV, a line per agency', () => {
    const report: QualityReport = {
      month: '2026-03',
      timeZone: 'Europe/Moscow',
      agencies: [
        {
          agencyId: 'gzhi',
          ...counts({ answers: 2, onTime: 1, late: 1 }),
          components: ratingComponents(counts({ answers: 2, onTime: 1, late: 1 })),
          rating: 75,
        },
      ],
    };
    expect(ratingsCsv(report).split('\r\n')).toEqual([
      'month,agency_id,rating,on_time_share,substance,satisfaction,stability,routing,received,answers,on_time,late,flagged,reopened,disputed,confirmed,misrouted',
      '2026-03,gzhi,75,0.5,1,,1,,0,2,1,1,0,0,0,0,0',
      '',
    ]);
  });
});
