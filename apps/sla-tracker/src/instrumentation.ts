import { initTracing } from '@otklik/observability';

initTracing('sla-tracker');
