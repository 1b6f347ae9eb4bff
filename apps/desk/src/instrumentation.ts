import { initTracing } from '@otklik/observability';

initTracing('desk');
