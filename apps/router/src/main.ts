import './instrumentation'; // tracing before anything else
import { runService } from '@otklik/platform';
import { AppModule } from './app.module';

void runService('router', AppModule, { title: 'Otklik router' }).catch((error: Error) => {
  console.error(`router failed to start: ${error.message}`);
  process.exit(1);
});
