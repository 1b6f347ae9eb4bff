import { ProductionCalendar } from '../calendar/production-calendar';
import { DEFAULT_POLICIES } from '../policies/policies.data';
import { PolicySet } from '../policies/policy-set';
import { AgencyClocks } from '../working-time/agency-clocks';
import { median, scoreOrganisations } from './spb-replay';
import { SpbAppeal, spbInstant, timelineOf } from './spb-timeline';

const clocks = new AgencyClocks(new ProductionCalendar());
const env = { policies: new PolicySet(DEFAULT_POLICIES), clockFor: clocks.clockFor.bind(clocks) };

// A made-up appeal in the portal's shape: reviewed Monday 10:00, interim at 12:00 promising Friday,
// final on Thursday.
const appeal: SpbAppeal = {
  id: 1,
  submitted_at: '2020-11-02T09:00:00.000',
  responsible_org: 'Org B',
  statuses: [
    { at: '2020-11-02T09:00:00.0', status: 'Модерация' },
    { at: '2020-11-02T10:00:00.0', status: 'Рассмотрение' },
  ],
  answers: [
    { at: '2020-11-05T15:00:00.0', kind: 'final', author_org: 'Org B', interim_date: null },
    { at: '2020-11-02T12:00:00.0', kind: 'interim', author_org: 'Org B', interim_date: '2020-11-06' },
  ],
  reroutes: [{ at: '2020-11-02T11:00:00.0', comment: 'передано … контролеру: "Org B", … срок изменен' }],
};

describe('SPb replay', () => {
  it('reads portal times as St Petersburg wall-clock time', () => {
    expect(new Date(spbInstant('2020-11-02T10:00:00.5')).toISOString()).toBe('2020-11-02T07:00:00.500Z');
  });

  it('turns an appeal into routed, rerouted and answers in time order', () => {
    const timeline = timelineOf(appeal);
    expect(timeline?.inputs.map((i) => i.kind)).toEqual(['routed', 'rerouted', 'answered', 'answered']);
    expect(timeline?.organisation).toBe('Org B');
  });

  it('scores the first answer against the restarted clock and the final answer against the promise', () => {
    const timeline = timelineOf(appeal);
    if (!timeline) throw new Error('no timeline');
    const score = scoreOrganisations([timeline], env).get('Org B');
    expect(score).toMatchObject({ appeals: 1, answered: 1, firstOnTime: 1, promises: 1, promisesKept: 1, minutesToFirst: [60] });
  });

  it('takes the median of odd and even lists', () => {
    expect([median([3, 1, 2]), median([4, 1, 2, 3]), median([])]).toEqual([2, 2.5, NaN]);
  });
});
