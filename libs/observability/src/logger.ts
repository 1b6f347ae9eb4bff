import { LoggerService } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';
import { logRedactor, Redactor } from './redaction';

/**
 * A structured JSON logger whose lines carry the active trace and span ids. Every line passes
 * through `redactor` on its way out (by default the process's, which knows the secrets of the
 * environment): no secret reaches the log, whichever path wrote it.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream, redactor: Redactor = logRedactor): Logger {
  redactor.addSecretsOf(process.env);
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: (line) => redactor.redact(line) },
    mixin() {
      const span = trace.getSpan(context.active());
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's logger interface over pino, so framework lines are structured too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) last, and for errors a stack before it.
    const contextName = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.logger[level]({ context: contextName, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context: contextName, ...message });
    else this.logger[level]({ context: contextName, ...(stack ? { stack } : {}) }, String(message));
  }
}
