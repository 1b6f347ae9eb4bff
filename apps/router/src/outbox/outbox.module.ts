import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig } from '../config/router.config';
import { IncidentsModule } from '../incidents/incidents.module';
import { SurgeModule } from '../surge/surge.module';
import { OutboxPublisher } from './outbox-publisher';

/** Publishing: the relays over the incidents' outboxes and the surge claims. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig), IncidentsModule, SurgeModule],
  providers: [OutboxPublisher],
  exports: [OutboxPublisher],
})
export class OutboxModule {}
