import { Counter, register } from 'prom-client';

function counter<T extends string>(name: string, help: string, labelNames: readonly T[]): Counter<T> {
  // Specs build the module more than once per process: reuse what is registered.
  return (register.getSingleMetric(name) as Counter<T> | undefined) ?? new Counter({ name, help, labelNames });
}

/** The router's own Prometheus counters. */
export const routerMetrics = {
  intake: counter('otklik_router_posts_total', 'Classified posts taken in, by outcome (created, linked, known).', ['outcome'] as const),
  decisions: counter('otklik_router_decisions_total', 'First routing decisions of new incidents, by method (rule, history, triage).', ['method'] as const),
  feedback: counter('otklik_router_agency_acts_total', 'Agency and operator acts, by act and whether they were applied.', ['act', 'applied'] as const),
  misroutes: counter('otklik_router_misroutes_total', 'Incidents returned by an agency as not its competence.', ['kind'] as const),
  surges: counter('otklik_router_surges_total', 'Surge announcements.', [] as const),
};
