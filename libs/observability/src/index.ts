export * from './tracing';
export * from './logger';
export * from './redaction';
export * from './metrics';
export * from './slo';
