import { Module } from '@nestjs/common';
import { PlatformModule } from '@otklik/platform';
import { ClocksModule } from './clocks/clocks.module';
import { KpiModule } from './kpi/kpi.module';

@Module({
  imports: [PlatformModule.forRoot('sla-tracker'), ClocksModule, KpiModule],
})
export class AppModule {}
