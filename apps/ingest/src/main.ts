import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';
import { configureIngestHttp } from './http-setup';

void runService('ingest', AppModule, { title: 'Otklik ingest', configure: configureIngestHttp }).catch((error: Error) => {
  console.error(`ingest failed to start: ${error.message}`);
  process.exit(1);
});
