import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Counters behind the classifier's dashboard. */
export const classificationMetrics = {
  /** Posts decided, by outcome (classified or dismissed) and event (received or edited). */
  posts: counter('otklik_classifier_posts_total', 'Posts classified or dismissed', ['outcome', 'event']),
  /** Dismissed posts by reason, so that nothing set aside goes uncounted. */
  dismissed: counter('otklik_classifier_dismissed_total', 'Posts dismissed, by reason', ['reason']),
};
