import { initTracing } from '@otklik/observability';

initTracing('router');
