import { Module } from '@nestjs/common';
import { OwnersModule } from '../owners/owners.module';
import { DirectoriesController } from './directories.controller';
import { DirectoriesService } from './directories.service';

/** Directories the console shows (agencies, territories, rules, sources), read from the services that own them. */
@Module({
  imports: [OwnersModule],
  controllers: [DirectoriesController],
  providers: [DirectoriesService],
})
export class DirectoriesModule {}
