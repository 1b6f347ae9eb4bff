import { context, Context, propagation, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { IHeaders } from 'kafkajs';

const tracer = trace.getTracer('@otklik/messaging');

/** Kafka headers → OpenTelemetry carrier (first value of each header, as text). */
function readCarrier(headers: IHeaders | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) carrier[key] = first.toString();
  }
  return carrier;
}

/** Starts a producer span and writes its context (W3C traceparent) into the headers. */
export function startPublishSpan(topic: string, eventId: string, headers: Record<string, string>): Span {
  const span = tracer.startSpan(`${topic} publish`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': eventId },
  });
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return span;
}

/** Runs `work` inside a consumer span that continues the trace carried in the headers. */
export async function withConsumeSpan<T>(topic: string, eventId: string | undefined, headers: IHeaders | undefined, work: (span: Span) => Promise<T>): Promise<T> {
  const parent: Context = propagation.extract(context.active(), readCarrier(headers));
  const span = tracer.startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.source.name': topic, ...(eventId ? { 'messaging.message.id': eventId } : {}) },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Trace id of the active span, for logs. */
export function activeTraceId(): string | undefined {
  return trace.getSpan(context.active())?.spanContext().traceId;
}

/**
 * The active trace context as W3C headers, to keep beside work that is finished later (an outbox
 * record, a queued delivery), so the events that work publishes continue the same trace.
 */
export function currentTraceCarrier(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs `work` with the trace context of a kept carrier as the active one (none kept: as it is). */
export function withTraceCarrier<T>(carrier: Record<string, string> | undefined, work: () => T): T {
  if (!carrier || Object.keys(carrier).length === 0) return work();
  return context.with(propagation.extract(context.active(), carrier), work);
}
