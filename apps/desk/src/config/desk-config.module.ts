import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@otklik/config';
import { DESK_CONFIG, deskConfig } from './desk.config';

/** Desk's validated settings under DESK_CONFIG, for every module (global: nearly every capability reads them). */
@Global()
@Module({
  imports: [ConfigModule.forFeature(deskConfig)],
  providers: [{ provide: DESK_CONFIG, inject: [deskConfig.KEY], useFactory: (config: ConfigType<typeof deskConfig>) => config }],
  exports: [DESK_CONFIG],
})
export class DeskConfigModule {}
