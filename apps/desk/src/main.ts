import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';
import { deskAppOptions } from './web/desk-app';

void runService('desk', AppModule, deskAppOptions).catch((error: Error) => {
  console.error(`desk failed to start: ${error.message}`);
  process.exit(1);
});
