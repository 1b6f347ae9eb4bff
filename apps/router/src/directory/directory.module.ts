import { Module } from '@nestjs/common';
import { ConfigModule } from '@otklik/config';
import { routerConfig } from '../config/router.config';
import { AgenciesController } from './agencies.controller';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { RoutingController } from './routing.controller';
import { RulesController } from './rules.controller';
import { TerritoriesController } from './territories.controller';

/** The directory: territories, agencies and rules as stored and served, and the live routing engine over them. */
@Module({
  imports: [ConfigModule.forFeature(routerConfig)],
  controllers: [TerritoriesController, AgenciesController, RulesController, DirectoryController, RoutingController],
  providers: [DirectoryService],
  exports: [DirectoryService],
})
export class DirectoryModule {}
