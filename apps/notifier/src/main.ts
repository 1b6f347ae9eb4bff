import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';

void runService('notifier', AppModule).catch((error: Error) => {
  console.error(`notifier failed to start: ${error.message}`);
  process.exit(1);
});
