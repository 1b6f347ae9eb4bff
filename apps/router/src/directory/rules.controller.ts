import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@otklik/auth';
import { DirectoryService } from './directory.service';
import { directoryCall, DirectoryWriteAnswers, importBody, sameKey } from './directory-http';
import { RoutingRuleDto } from '../rules/routing-rule.dto';
import { RoutingRule } from '../rules/routing-rule.model';

/** Routing rules as data: topic × territory (× keywords) → agency. */
@ApiTags('rules')
@Roles('admin')
@Controller('v1/rules')
export class RulesController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('admin', 'operator', 'supervisor', 'service')
  @ApiOkResponse({ type: [RoutingRuleDto] })
  async list(): Promise<RoutingRule[]> {
    return this.directory.repository.loadRules();
  }

  @Get(':id')
  @Roles('admin', 'operator', 'supervisor', 'service')
  @ApiOkResponse({ type: RoutingRuleDto })
  async get(@Param('id', ParseIntPipe) id: number): Promise<RoutingRule> {
    const rule = (await this.directory.repository.loadRules()).find((r) => r.id === id);
    if (!rule) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: [`rule ${id} not found`] });
    return rule;
  }

  @Put(':id')
  @DirectoryWriteAnswers()
  @ApiOperation({ summary: 'Create or replace a rule (422 when it names unknown agencies or territories)' })
  async put(@Param('id', ParseIntPipe) id: number, @Body() body: RoutingRuleDto): Promise<RoutingRule> {
    sameKey('id', id, body.id);
    await directoryCall(() => this.directory.putRules([body]));
    return body;
  }

  @Delete(':id')
  @DirectoryWriteAnswers()
  @HttpCode(204)
  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {
    await directoryCall(() => this.directory.deleteRule(id));
  }

  @Post('import')
  @DirectoryWriteAnswers()
  @HttpCode(200)
  @ApiOperation({ summary: "Create or replace many rules (a seed file's content)" })
  @ApiBody({ type: [RoutingRuleDto] })
  async import(@Body() body: unknown): Promise<{ imported: number }> {
    const records = importBody(body, RoutingRuleDto);
    await directoryCall(() => this.directory.putRules(records));
    return { imported: records.length };
  }
}
