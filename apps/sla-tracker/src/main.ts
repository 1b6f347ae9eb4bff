import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';

void runService('sla-tracker', AppModule).catch((error: Error) => {
  console.error(`sla-tracker failed to start: ${error.message}`);
  process.exit(1);
});
