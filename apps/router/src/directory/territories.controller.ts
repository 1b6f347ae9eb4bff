import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { Roles } from '@otklik/auth';
import { DirectoryService } from './directory.service';
import { directoryCall, DirectoryWriteAnswers, importBody, sameKey } from './directory-http';
import { nameKey } from '../territories/territory-directory';
import { TerritoryDto } from '../territories/territory.dto';
import { Territory, TERRITORY_KINDS, TerritoryKind } from '../territories/territory.model';

class TerritoryQuery {
  @ApiPropertyOptional({ description: 'only children of this territory', example: '40000000' })
  @IsOptional()
  @IsString()
  parent?: string;

  @ApiPropertyOptional({ enum: TERRITORY_KINDS })
  @IsOptional()
  @IsIn(TERRITORY_KINDS)
  kind?: TerritoryKind;

  @ApiPropertyOptional({ description: 'name or alias contains', example: 'Невский' })
  @IsOptional()
  @IsString()
  q?: string;
}

/** The territory directory: Russia's regions, their municipalities and districts. */
@ApiTags('territories')
@Roles('admin')
@Controller('v1/territories')
export class TerritoriesController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('admin', 'operator', 'supervisor', 'service', 'agency')
  @ApiOperation({ summary: 'List territories (filter by parent, kind, name)' })
  @ApiOkResponse({ type: [TerritoryDto] })
  list(@Query() query: TerritoryQuery): Territory[] {
    const needle = query.q ? nameKey(query.q) : undefined;
    return this.directory
      .engine()
      .agencies.territories.all()
      .filter((t) => (query.parent === undefined || t.parentCode === query.parent) && (query.kind === undefined || t.kind === query.kind))
      .filter((t) => needle === undefined || [t.name, ...(t.aliases ?? [])].some((n) => nameKey(n).includes(needle)))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  @Get(':code')
  @Roles('admin', 'operator', 'supervisor', 'service', 'agency')
  @ApiOperation({ summary: 'One territory with its path up to the region' })
  get(@Param('code') code: string): Territory & { path: readonly string[] } {
    const territories = this.directory.engine().agencies.territories;
    const territory = territories.get(code);
    if (!territory) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [`territory ${code} not found`] });
    return { ...territory, path: territories.pathOf(code) };
  }

  @Put(':code')
  @DirectoryWriteAnswers()
  @ApiOperation({ summary: 'Create or replace a territory' })
  async put(@Param('code') code: string, @Body() body: TerritoryDto): Promise<Territory> {
    sameKey('code', code, body.code);
    await directoryCall(() => this.directory.putTerritories([body]));
    return body;
  }

  @Delete(':code')
  @DirectoryWriteAnswers()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a territory nothing depends on' })
  async remove(@Param('code') code: string): Promise<void> {
    await directoryCall(() => this.directory.deleteTerritory(code));
  }

  @Post('import')
  @DirectoryWriteAnswers()
  @HttpCode(200)
  @ApiOperation({ summary: "Create or replace many territories (a seed file's content)" })
  @ApiBody({ type: [TerritoryDto] })
  async import(@Body() body: unknown): Promise<{ imported: number }> {
    const records = importBody(body, TerritoryDto);
    await directoryCall(() => this.directory.putTerritories(records));
    return { imported: records.length };
  }
}
