import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { MongoMisrouteStore } from './misroute.mongo';
import { MisroutesController } from './misroutes.controller';

/** Misroutes: the record of each wrong address and its summary endpoint. */
@Module({
  controllers: [MisroutesController],
  providers: [{ provide: MongoMisrouteStore, inject: [getConnectionToken()], useFactory: (c: Connection) => new MongoMisrouteStore(c) }],
  exports: [MongoMisrouteStore],
})
export class MisroutesModule implements OnModuleInit {
  constructor(private readonly misroutes: MongoMisrouteStore) {}

  /** Builds the store's indexes before handlers run. */
  async onModuleInit(): Promise<void> {
    await this.misroutes.init();
  }
}
