import { Inject, Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CounterRecord } from './counter.schema';
import { CounterStore } from './counter.store';
import { dayIn } from './metrics';

const MAX_DAYS = 366;

export interface Dashboard {
  period: { from: string; to: string; timeZone: string };
  volume: {
    total: number;
    byCategory: { categoryCode: string; name: string; count: number }[];
    byTerritory: { territory: string; name?: string; count: number }[];
    matrix: { categoryCode: string; territory: string; count: number }[];
  };
  onTime: { agencyId: string; onTime: number; late: number; share: number }[];
  breachesToday: { day: string; total: number; byAgency: { agencyId: string; count: number }[] };
  /** Later posts the router grouped into open incidents, and operators' merges and splits. */
  grouping: { groupedPosts: number; merges: number; splits: number; byCategory: { categoryCode: string; name: string; groupedPosts: number }[] };
}

function sumBy<K extends string>(records: CounterRecord[], key: (record: CounterRecord) => K): Map<K, number> {
  const totals = new Map<K, number>();
  for (const record of records) totals.set(key(record), (totals.get(key(record)) ?? 0) + record.count);
  return totals;
}

const descending = <T extends { count: number }>(rows: T[]): T[] => rows.sort((a, b) => b.count - a.count);
const total = (records: CounterRecord[]): number => records.reduce((sum, r) => sum + r.count, 0);

/** The management centre's figures, read from counters kept as events arrive (never a scan of incidents). */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly counters: CounterStore,
    private readonly taxonomy: TaxonomyService,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async build(from: string | undefined, to: string | undefined, now = new Date()): Promise<Dashboard> {
    for (const [field, day] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (day !== undefined && Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw DeskError.badRequest(field, 'not a calendar day');
    }
    const today = dayIn(this.config.timeZone, now);
    const toDay = to ?? today;
    const fromDay = from ?? dayIn(this.config.timeZone, new Date(now.getTime() - 29 * 86_400_000));
    if (fromDay > toDay) throw DeskError.invalid('from', 'must not be after to');
    if ((Date.parse(toDay) - Date.parse(fromDay)) / 86_400_000 >= MAX_DAYS) throw DeskError.invalid('from', `period longer than ${MAX_DAYS} days`);
    const [volume, clocks, breaches, grouped, merges, splits] = await Promise.all([
      this.counters.range('v', fromDay, toDay),
      this.counters.range('c', fromDay, toDay),
      this.counters.range('b', today, today),
      this.counters.range('g', fromDay, toDay),
      this.counters.range('m', fromDay, toDay),
      this.counters.range('s', fromDay, toDay),
    ]);
    const names = new Map(volume.flatMap((r) => (r.labels?.territory ? [[r.dims.territory ?? '', r.labels.territory] as const] : [])));
    const outcomes = sumBy(clocks, (r) => `${r.dims.agency}|${r.dims.outcome}`);
    const agencies = [...new Set(clocks.map((r) => r.dims.agency ?? ''))];
    return {
      period: { from: fromDay, to: toDay, timeZone: this.config.timeZone },
      volume: {
        total: volume.reduce((sum, r) => sum + r.count, 0),
        byCategory: descending([...sumBy(volume, (r) => r.dims.category ?? '')].map(([categoryCode, count]) => ({ categoryCode, name: this.taxonomy.label(categoryCode), count }))),
        byTerritory: descending([...sumBy(volume, (r) => r.dims.territory ?? '')].map(([territory, count]) => ({ territory, name: names.get(territory), count }))),
        matrix: descending(
          [...sumBy(volume, (r) => `${r.dims.category}|${r.dims.territory}`)].map(([key, count]) => {
            const [categoryCode = '', territory = ''] = key.split('|');
            return { categoryCode, territory, count };
          }),
        ),
      },
      onTime: agencies
        .map((agencyId) => {
          const onTime = outcomes.get(`${agencyId}|on`) ?? 0;
          const late = outcomes.get(`${agencyId}|late`) ?? 0;
          return { agencyId, onTime, late, share: onTime + late > 0 ? onTime / (onTime + late) : 0 };
        })
        .sort((a, b) => a.share - b.share),
      breachesToday: {
        day: today,
        total: breaches.reduce((sum, r) => sum + r.count, 0),
        byAgency: descending([...sumBy(breaches, (r) => r.dims.agency ?? '')].map(([agencyId, count]) => ({ agencyId, count }))),
      },
      grouping: {
        groupedPosts: total(grouped),
        merges: total(merges),
        splits: total(splits),
        byCategory: [...sumBy(grouped, (r) => r.dims.category ?? '')]
          .map(([categoryCode, count]) => ({ categoryCode, name: this.taxonomy.label(categoryCode), groupedPosts: count }))
          .sort((a, b) => b.groupedPosts - a.groupedPosts),
      },
    };
  }
}
