import { initTracing } from '@otklik/observability';

initTracing('classifier');
