import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@otklik/auth';
import { renderMetrics } from '@otklik/observability';

/** Prometheus scrape endpoint. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  async metrics(@Res() response: Response): Promise<void> {
    const { contentType, body } = await renderMetrics();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}
