import { trace } from '@opentelemetry/api';
import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { initTracing } from './tracing';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  beforeAll(() => initTracing('logger-spec'));

  it('writes JSON lines carrying the service and the active trace and span ids', () => {
    const { lines, stream } = capture();
    const toStream = createLogger('router', 'info', stream);

    trace.getTracer('spec').startActiveSpan('work', (span) => {
      toStream.info({ eventId: 'e-1' }, 'routed');
      span.end();
      const { traceId, spanId } = span.spanContext();
      expect(lines[0]).toMatchObject({ service: 'router', msg: 'routed', eventId: 'e-1', trace_id: traceId, span_id: spanId });
    });
  });

  it('adds no trace fields outside a span', () => {
    const { lines, stream } = capture();
    const toStream = createLogger('router', 'info', stream);

    toStream.warn('idle');

    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});
