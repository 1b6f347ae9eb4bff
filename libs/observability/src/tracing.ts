import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/** Options of `initTracing`. */
export interface TracingOptions {
  /** OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318); export is off without it. */
  otlpEndpoint?: string;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

/**
 * Starts OpenTelemetry tracing for a service: W3C trace context propagation (so traces continue
 * through Kafka headers) and an OTLP exporter when configured. Call before anything else in main.ts.
 * Idempotent: a second call keeps the first provider.
 */
export function initTracing(serviceName: string, options: TracingOptions = {}): void {
  if (provider) return;
  const otlpEndpoint = options.otlpEndpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const spanProcessors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (otlpEndpoint) {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` })));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors,
  });
  provider.register();
}

/** Flushes and stops tracing (on shutdown). */
export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
  trace.disable();
}
