import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** A batch of 1,000 posts is several megabytes: raise the JSON body limit from Express's 100 kB. */
export function configureIngestHttp(app: INestApplication): void {
  (app as NestExpressApplication).useBodyParser('json', { limit: '16mb' });
}
