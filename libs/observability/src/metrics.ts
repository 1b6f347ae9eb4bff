import { collectDefaultMetrics, register } from 'prom-client';

let defaultsOn = false;

/** Turns on process metrics (CPU, memory, event loop lag) once per process. */
export function enableDefaultMetrics(service: string): void {
  if (defaultsOn) return;
  register.setDefaultLabels({ service });
  collectDefaultMetrics({ register });
  defaultsOn = true;
}

/** The registry rendered in the Prometheus text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}

export { register as metricsRegistry };
