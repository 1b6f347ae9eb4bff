import { Counter, Gauge, Histogram, register } from 'prom-client';

function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

/** The sla-tracker's Prometheus metrics. */
export const slaMetrics = {
  openIncidents: once(
    'otklik_sla_open_incidents',
    () =>
      new Gauge({
        name: 'otklik_sla_open_incidents',
        help: 'Incidents whose clock is open, by clock state and agency',
        labelNames: ['state', 'agency'],
      }),
  ),
  answers: once(
    'otklik_sla_answers_total',
    () =>
      new Counter({
        name: 'otklik_sla_answers_total',
        help: 'Answers that met a clock, by agency, phase and whether on time',
        labelNames: ['agency', 'phase', 'on_time'],
      }),
  ),
  onTimeShare: once(
    'otklik_sla_on_time_share',
    () =>
      new Gauge({
        name: 'otklik_sla_on_time_share',
        help: 'Share of first answers given on time since the counters began, by agency',
        labelNames: ['agency'],
      }),
  ),
  timeToAnswer: once(
    'otklik_sla_time_to_answer_working_hours',
    () =>
      new Histogram({
        name: 'otklik_sla_time_to_answer_working_hours',
        help: 'Working hours from routing (or phase start) to the answer, by agency, taxonomy topic code and phase',
        labelNames: ['agency', 'topic_code', 'phase'],
        buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 24, 40, 80, 160, 240],
      }),
  ),
  events: once(
    'otklik_sla_events_total',
    () =>
      new Counter({
        name: 'otklik_sla_events_total',
        help: 'Clock events published, by kind',
        labelNames: ['kind'],
      }),
  ),
  fireLateness: once(
    'otklik_sla_fire_lateness_seconds',
    () =>
      new Histogram({
        name: 'otklik_sla_fire_lateness_seconds',
        help: 'Seconds between a warning/breach/escalation falling due and its event being published',
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
      }),
  ),
  timersInMemory: once(
    'otklik_sla_timers_in_memory',
    () =>
      new Gauge({
        name: 'otklik_sla_timers_in_memory',
        help: 'Timers held in the in-memory scheduler',
      }),
  ),
  acknowledged: once(
    'otklik_sla_acknowledged_total',
    () =>
      new Counter({
        name: 'otklik_sla_acknowledged_total',
        help: 'Incidents acknowledged by agencies',
        labelNames: ['agency'],
      }),
  ),
  calendarFallback: once(
    'otklik_sla_calendar_fallback_total',
    () =>
      new Counter({
        name: 'otklik_sla_calendar_fallback_total',
        help: 'Years computed with the Labour Code fallback calendar (no published calendar)',
        labelNames: ['year'],
      }),
  ),
};
