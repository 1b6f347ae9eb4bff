import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Roles } from '@otklik/auth';
import { SourceDto } from './source.dto';
import type { SourceConfig } from './source.model';
import { InvalidSourceError, SourcesService, SourceView } from './sources.service';
import { SourceChanges } from './source-changes';

function badRequest(error: unknown): never {
  if (error instanceof InvalidSourceError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.issues });
  throw error;
}

/** What ingest watches, and how each source is doing. Secrets appear only as references. */
@ApiTags('sources')
@Roles('admin')
@Controller('v1/sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly changes: SourceChanges,
  ) {}

  /** Applies a change to polling at once rather than at the next periodic refresh. */
  private reschedule(): void {
    void this.changes.changed().catch(() => undefined);
  }

  @Get()
  @Roles('admin', 'operator', 'supervisor', 'service')
  list(): Promise<SourceView[]> {
    return this.sources.list();
  }

  @Get(':id')
  @Roles('admin', 'operator', 'supervisor', 'service')
  async get(@Param('id') id: string): Promise<SourceView> {
    const view = await this.sources.get(id);
    if (!view) throw new NotFoundException(`id: no source ${id}`);
    return view;
  }

  @Post()
  @ApiBody({ type: SourceDto })
  @ApiErrors({ 409: 'A source with this id exists' })
  async create(@Body() body: unknown): Promise<SourceConfig> {
    const created = await this.sources.create(body).catch(badRequest);
    if (!created) throw new ConflictException(`id: a source with this id exists`);
    this.reschedule();
    return created;
  }

  @Put(':id')
  @ApiBody({ type: SourceDto })
  async replace(@Param('id') id: string, @Body() body: unknown): Promise<SourceConfig> {
    const source = await this.sources.replace(id, body).catch(badRequest);
    this.reschedule();
    return source;
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    if (!(await this.sources.delete(id))) throw new NotFoundException(`id: no source ${id}`);
    this.reschedule();
  }
}
