import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Response } from 'express';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { DeskError } from '../common/desk-error';
import { DIRECTORIES, DirectoriesService, DirectoryName } from './directories.service';

const NAMES = Object.keys(DIRECTORIES);

function directoryName(name: string): DirectoryName {
  if (!NAMES.includes(name)) throw DeskError.notFound(`directory ${name} (one of ${NAMES.join(', ')})`);
  return name as DirectoryName;
}

@ApiTags('directories')
@Roles('operator', 'supervisor', 'admin', 'agency')
@ApiErrors({ 503: 'The service that keeps the directory does not answer' })
@Controller('api/v1/directories')
export class DirectoriesController {
  constructor(private readonly directories: DirectoriesService) {}

  @Get(':name')
  @ApiParam({ name: 'name', enum: NAMES })
  @ApiOperation({ summary: 'A directory (agencies, territories, rules, sources) as its owning service has it; the query is passed on' })
  async list(@Param('name') name: string, @Query() query: Record<string, string>, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const answer = await this.directories.read(directoryName(name), undefined, query, principal);
    response.status(answer.status).json(answer.body);
  }

  @Get(':name/:id')
  @ApiParam({ name: 'name', enum: NAMES })
  @ApiOperation({ summary: 'One entry of a directory' })
  async one(@Param('name') name: string, @Param('id') id: string, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const answer = await this.directories.read(directoryName(name), id, {}, principal);
    response.status(answer.status).json(answer.body);
  }
}
