import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, Public } from '@otklik/auth';
import { PostOutboxRelay } from '../posts/post-outbox.relay';
import { VkCallbackService } from './vk-callback.service';

/** VK Callback API endpoint (set it as the server URL of each watched community). */
@ApiTags('connectors')
@Public()
@Controller('v1/vk')
export class VkCallbackController {
  constructor(
    private readonly callback: VkCallbackService,
    private readonly relay: PostOutboxRelay,
  ) {}

  @Post('callback')
  @ApiOperation({ summary: 'VK Callback API: answers `ok` (or the confirmation string) once recorded.' })
  @ApiBody({ description: 'A VK Callback API event: type, group_id, object, secret.', schema: { type: 'object' } })
  @ApiOkResponse({ description: '`ok`, or the confirmation string for a `confirmation` event (text/plain)' })
  @ApiErrors({
    403: "secret: does not match the source's callback secret",
    404: 'No source watches the community, or a confirmation is asked of one without a confirmation string',
    503: "The source's callback secret variable is not set",
  })
  async receive(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const reply = await this.callback.handle(body);
    if (reply.result) this.relay.nudge();
    response.status(reply.status).type('text/plain').send(reply.body);
  }
}
