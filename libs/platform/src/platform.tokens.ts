/** Names of the five pipeline services and the desk. */
export type ServiceName = 'ingest' | 'classifier' | 'router' | 'sla-tracker' | 'notifier' | 'desk';

/** Default HTTP ports, one per service, so everything can run side by side on one machine. */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  desk: 3000,
  ingest: 3001,
  classifier: 3002,
  router: 3003,
  'sla-tracker': 3004,
  notifier: 3005,
};

/** Injection token of the service's name. */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');

/** Stable consumer group id of a service (documented in docs/events.md). */
export function consumerGroupOf(service: ServiceName): string {
  return `otklik.${service}`;
}

/** The service's own database name, unless MONGODB_DB overrides it. */
export function databaseOf(service: ServiceName): string {
  return `otklik_${service.replace('-', '_')}`;
}
