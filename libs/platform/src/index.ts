export * from './platform.tokens';
export * from './platform.module';
export * from './bootstrap';
export * from './http-errors';
export * from './kafka.health';
export * from './periodic-task';
export * from './write-audit';
export * from './rate-limit';
