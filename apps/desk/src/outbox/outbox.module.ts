import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MongoDeskOutboxStore } from './outbox.mongo';
import { OUTBOX_MODEL, OutboxSchema } from './outbox.schema';
import { OutboxService } from './outbox.service';
import { DeskOutboxStore } from './outbox.store';

/** Desk's outbox: events stored with the decision that made them, then published by a relay. */
@Module({
  imports: [MongooseModule.forFeature([{ name: OUTBOX_MODEL, schema: OutboxSchema }])],
  providers: [{ provide: DeskOutboxStore, useClass: MongoDeskOutboxStore }, OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}
