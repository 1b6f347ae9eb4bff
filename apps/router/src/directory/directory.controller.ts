import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@otklik/auth';
import { DirectoryService } from './directory.service';
import { directoryCall, DirectoryWriteAnswers } from './directory-http';

/** The directory as a whole. */
@ApiTags('directory')
@Roles('admin')
@Controller('v1/directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('import-seeds')
  @DirectoryWriteAnswers()
  @HttpCode(200)
  @ApiOperation({ summary: 'Create or replace the shipped seed territories, agencies and rules' })
  importSeeds(): Promise<{ territories: number; agencies: number; rules: number }> {
    return directoryCall(() => this.directory.importSeeds());
  }
}
