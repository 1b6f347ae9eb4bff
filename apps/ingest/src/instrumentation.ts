import { initTracing } from '@otklik/observability';

initTracing('ingest');
