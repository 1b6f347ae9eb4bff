import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';

let provider: TracerProvider | undefined;
let disableInstrumentations: (() => void) | undefined;

/** Options of `initTracing`. */
export interface TracingOptions {
  /** OTLP/HTTP endpoint (e.g. http://127.0.0.1:4318); export is off without it. */
  otlpEndpoint?: string;
  /** Extra processors, e.g. an in-memory exporter in tests. */
  spanProcessors?: SpanProcessor[];
}

/** Probes and scrapes arrive every few seconds and would bury the requests worth a trace. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** Whether an incoming request is left without a span (health probes and metric scrapes). */
export function isUntracedRequest(url: string | undefined): boolean {
  return url !== undefined && UNTRACED_PATHS.test(url);
}

/**
 * What a MongoDB span records of its command: the command's top-level fields with every value
 * replaced by `?`. The instrumentation's own serializer walks the whole command, which for a batch
 * insert of a thousand posts cost a fifth of ingest's CPU; the shape says as much in a trace.
 */
export function mongoStatementShape(command: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(command).map((field) => [field, '?'])));
}

/**
 * Starts OpenTelemetry tracing for a service: W3C trace context propagation (so traces continue
 * through Kafka headers), spans for HTTP requests in and out and for every MongoDB command, and an
 * OTLP exporter when configured. Call before anything else in main.ts, so that the database driver
 * is patched when it is first loaded. Idempotent: a second call keeps the first provider.
 */
export function initTracing(serviceName: string, options: TracingOptions = {}): void {
  if (provider) return;
  const otlpEndpoint = options.otlpEndpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const spanProcessors: SpanProcessor[] = [...(options.spanProcessors ?? [])];
  if (otlpEndpoint) {
    spanProcessors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) }));
  }
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors,
  });
  registerGlobally(provider);
  disableInstrumentations = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => isUntracedRequest(request.url) }),
      // Statement values stay out of spans: posts carry citizens' words and pseudonyms.
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false, dbStatementSerializer: mongoStatementShape }),
    ],
  });
}

/**
 * Makes `provider` the one behind `trace.getTracer`, with the async-hooks context manager (a span
 * stays current across awaits) and W3C trace context and baggage propagation: what the 2.x
 * NodeTracerProvider's `register()` did, which OpenTelemetry 3 leaves to the application.
 */
function registerGlobally(tracerProvider: TracerProvider): void {
  trace.setGlobalTracerProvider(tracerProvider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
}

/** Flushes and stops tracing (on shutdown). */
export async function shutdownTracing(): Promise<void> {
  disableInstrumentations?.();
  disableInstrumentations = undefined;
  await provider?.shutdown();
  provider = undefined;
  trace.disable();
  context.disable();
  propagation.disable();
}
