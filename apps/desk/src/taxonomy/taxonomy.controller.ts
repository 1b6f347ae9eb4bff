import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CategoryDefinition } from '@otklik/reference';
import { TaxonomyService } from './taxonomy.service';

@ApiTags('directories')
@Controller('api/v1/taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @ApiOperation({ summary: 'The topic taxonomy (two levels, Russian names), for filters and corrections' })
  get(): { version: string; categories: readonly CategoryDefinition[] } {
    return { version: this.taxonomy.version, categories: this.taxonomy.categories() };
  }
}
