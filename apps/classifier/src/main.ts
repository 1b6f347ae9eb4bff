import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';

void runService('classifier', AppModule, { title: 'Otklik classifier' }).catch((error: Error) => {
  console.error(`classifier failed to start: ${error.message}`);
  process.exit(1);
});
