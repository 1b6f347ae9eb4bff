import { initTracing } from '@otklik/observability';

initTracing('notifier');
