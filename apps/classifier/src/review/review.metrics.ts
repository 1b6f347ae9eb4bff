import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Counters of the operators' review queue, on the classifier's dashboard. */
export const reviewMetrics = {
  /** Decisions sent to the queue, by why. */
  queued: counter('otklik_classifier_review_queued_total', 'Decisions queued for operator review', ['reason']),
  /** Operator answers to the queue. */
  resolved: counter('otklik_classifier_review_resolved_total', 'Review items confirmed or corrected', ['action']),
};
