import { Module, OnModuleInit } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { PreferencesController } from './preferences.controller';
import { PreferencesStore } from './preferences.store';

/** Agencies' notification preferences: who hears of what, by which channel and when, and their API. */
@Module({
  controllers: [PreferencesController],
  providers: [{ provide: PreferencesStore, inject: [getConnectionToken()], useFactory: (c: Connection) => new PreferencesStore(c) }],
  exports: [PreferencesStore],
})
export class PreferencesModule implements OnModuleInit {
  constructor(private readonly preferences: PreferencesStore) {}

  /** The store's indexes exist before handlers read it. */
  onModuleInit(): Promise<void> {
    return this.preferences.init();
  }
}
