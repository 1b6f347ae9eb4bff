import { Inject, Injectable } from '@nestjs/common';
import { formatCsv } from '@otklik/csv';
import type { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { CounterStore } from '../dashboards/counter.store';
import { dayIn } from '../dashboards/metrics';
import { QUALITY_MEASURES, QualityMeasure } from '../dashboards/quality-facts';
import { QualityCounts, rating, RatingComponents, ratingComponents, roundedComponents } from './rating.formula';

/** One agency's line of the month's quality report. */
export interface AgencyRating extends QualityCounts {
  agencyId: string;
  components: RatingComponents;
  /** 0–100, see docs/ratings.md; null without any facts to rate. */
  rating: number | null;
}

/** The quality report of one month. */
export interface QualityReport {
  month: string;
  timeZone: string;
  agencies: AgencyRating[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Roles that see every agency's line; agency staff see their own agency's only. */
const SEE_ALL = new Set(['operator', 'supervisor', 'admin', 'integration']);

const emptyCounts = (): QualityCounts => ({ ...(Object.fromEntries(QUALITY_MEASURES.map((m) => [m, 0])) as Record<QualityMeasure, number>), onTime: 0, late: 0 });
const isMeasure = (value: string | undefined): value is QualityMeasure => (QUALITY_MEASURES as readonly string[]).includes(value ?? '');

/**
 * The agencies' monthly quality ratings, read from the dashboard counters kept as events arrive
 * (quality facts and deadlines met), by the day in the management centre's time zone.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly counters: CounterStore,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /** The month's report as `principal` may see it; `month` is YYYY-MM, the current month by default. */
  async report(principal: Principal, month: string | undefined, now = new Date()): Promise<QualityReport> {
    const period = month ?? dayIn(this.config.timeZone, now).slice(0, 7);
    if (!MONTH.test(period)) throw DeskError.badRequest('month', 'must be a month as YYYY-MM');
    const [quality, clocks] = await Promise.all([this.counters.range('q', `${period}-01`, `${period}-31`), this.counters.range('c', `${period}-01`, `${period}-31`)]);
    const byAgency = new Map<string, QualityCounts>();
    const countsOf = (agencyId: string): QualityCounts => {
      const counts = byAgency.get(agencyId) ?? emptyCounts();
      byAgency.set(agencyId, counts);
      return counts;
    };
    for (const counter of quality) {
      const { agency, measure } = counter.dims;
      if (agency && isMeasure(measure)) countsOf(agency)[measure] += counter.count;
    }
    for (const counter of clocks) {
      const { agency, outcome } = counter.dims;
      if (agency) countsOf(agency)[outcome === 'on' ? 'onTime' : 'late'] += counter.count;
    }
    const agencies = [...byAgency]
      .filter(([agencyId]) => SEE_ALL.has(principal.role) || (principal.role === 'agency' && principal.agencyId === agencyId))
      .map(([agencyId, counts]) => {
        const components = ratingComponents(counts);
        return { agencyId, ...counts, components: roundedComponents(components), rating: rating(components) };
      })
      .sort((a, b) => (b.rating ?? -1) - (a.rating ?? -1) || a.agencyId.localeCompare(b.agencyId));
    return { month: period, timeZone: this.config.timeZone, agencies };
  }
}

/** Columns of the CSV report, in order. */
export const RATING_CSV_HEADER = [
  'month',
  'agency_id',
  'rating',
  'on_time_share',
  'substance',
  'satisfaction',
  'stability',
  'routing',
  'received',
  'answers',
  'on_time',
  'late',
  'flagged',
  'reopened',
  'disputed',
  'confirmed',
  'misrouted',
] as const;

/** The report as RFC 4180 CSV, one line per agency. */
export function ratingsCsv(report: QualityReport): string {
  return formatCsv(
    RATING_CSV_HEADER,
    report.agencies.map((a) => [
      report.month,
      a.agencyId,
      a.rating,
      a.components.onTime,
      a.components.substance,
      a.components.satisfaction,
      a.components.stability,
      a.components.routing,
      a.received,
      a.answers,
      a.onTime,
      a.late,
      a.flagged,
      a.reopened,
      a.disputed,
      a.confirmed,
      a.misrouted,
    ]),
  );
}
