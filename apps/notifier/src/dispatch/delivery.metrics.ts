import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

/** Delivery counters on /metrics. */
export const deliveryMetrics = {
  finished: counter('otklik_notifier_deliveries_total', 'Deliveries finished, by channel and status (sent, failed).', ['channel', 'status']),
  retries: counter('otklik_notifier_delivery_retries_total', 'Delivery attempts that failed and were scheduled again.', ['channel']),
  flagged: counter('otklik_notifier_answers_flagged_total', 'Answers flagged as formal non-answers, by whether they were held.', ['held']),
};
