import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, Public } from '@otklik/auth';
import { PostOutboxRelay } from '../posts/post-outbox.relay';
import { TelegramWebhookService } from './telegram-webhook.service';

/** Telegram Bot API webhook endpoint (setWebhook with secret_token; the URL names one source of the bot). */
@ApiTags('connectors')
@Public()
@Controller('v1/telegram')
export class TelegramWebhookController {
  constructor(
    private readonly webhook: TelegramWebhookService,
    private readonly relay: PostOutboxRelay,
  ) {}

  @Post('webhook/:sourceId')
  @ApiOperation({ summary: "Telegram update; X-Telegram-Bot-Api-Secret-Token must match the source's secret." })
  @ApiBody({ description: 'A Telegram Update.', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'Recorded (text/plain)' })
  @ApiErrors({ 403: 'X-Telegram-Bot-Api-Secret-Token: does not match', 503: "The source's webhook secret variable is not set" })
  async receive(@Param('sourceId') sourceId: string, @Headers('x-telegram-bot-api-secret-token') secret: string | undefined, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const reply = await this.webhook.handle(sourceId, secret, body);
    if (reply.result) this.relay.nudge();
    response.status(reply.status).type('text/plain').send(reply.body);
  }
}
