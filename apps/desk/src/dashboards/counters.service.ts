import { Inject, Injectable } from '@nestjs/common';
import { DESK_CONFIG, DeskConfig } from '../config/desk.config';
import { IncidentFollower } from '../projection/incident-follower';
import { IncidentStore } from '../projection/incident.store';
import { IncidentRecord } from '../projection/incident.view';
import { CounterStore } from './counter.store';
import { metricChanges, MetricKey, metricsOf, parseMetricKey } from './metrics';

/**
 * Keeps dashboard counters in step with incidents. The incident's mark is taken first, with a
 * conditional update only one writer can win; the counter moves only for the winner. A crash
 * between the two leaves a counter one short, never counted twice; `recount` repairs that.
 */
@Injectable()
export class CountersService implements IncidentFollower {
  constructor(
    private readonly counters: CounterStore,
    private readonly incidents: IncidentStore,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async reconcile(incident: IncidentRecord): Promise<void> {
    const { add, remove } = metricChanges(incident.countedMetrics ?? [], metricsOf(incident, this.config.timeZone));
    for (const metric of add) {
      if (!(await this.incidents.markCounted(incident.incidentId, metric.key))) continue;
      await this.counters.increment(metric);
    }
    for (const key of remove) {
      if (await this.incidents.unmarkCounted(incident.incidentId, key)) await this.counters.decrement(parseMetricKey(key)?.counter ?? key);
    }
  }

  /** Rebuilds every counter from the incidents' marks (after a crash between mark and count). */
  async recount(): Promise<number> {
    const totals = new Map<string, { metric: MetricKey; count: number }>();
    for await (const counted of this.incidents.countedMetrics()) {
      for (const key of counted) {
        const metric = parseMetricKey(key);
        if (metric) totals.set(metric.counter, { metric, count: (totals.get(metric.counter)?.count ?? 0) + 1 });
      }
    }
    await this.counters.replaceAll(totals);
    return totals.size;
  }
}
