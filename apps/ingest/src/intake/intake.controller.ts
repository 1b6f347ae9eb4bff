import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '@otklik/auth';
import { RateLimit } from '@otklik/platform';
import { PostOutboxRelay } from '../posts/post-outbox.relay';
import { IntakePostDto, MAX_INTAKE_BATCH } from './intake.dto';
import { IntakeItemResult, IntakeService, IntakeValidationError } from './intake.service';

/** Generic intake for other monitoring tools (integration tokens) and desk's Open311 requests (service). */
@ApiTags('intake')
@Roles('integration', 'service', 'admin')
@ApiExtraModels(IntakePostDto)
@Controller('v1/posts')
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly relay: PostOutboxRelay,
  ) {}

  @Post()
  @HttpCode(200)
  @RateLimit({ variable: 'INGEST_INTAKE_PER_MINUTE', perMinute: 600, by: 'credential' })
  @ApiBody({
    description: `One post, or an array of up to ${MAX_INTAKE_BATCH}.`,
    schema: { oneOf: [{ $ref: getSchemaPath(IntakePostDto) }, { type: 'array', maxItems: MAX_INTAKE_BATCH, items: { $ref: getSchemaPath(IntakePostDto) } }] },
  })
  @ApiOkResponse({ description: 'Every post recorded (received, edited, unchanged or filtered), in request order.' })
  @ApiBadRequestResponse({ description: 'Nothing was recorded; `message` names each bad field as `[index].path: problem`.' })
  async post(@Body() body: unknown): Promise<{ accepted: number; results: IntakeItemResult[] }> {
    let drafts;
    try {
      drafts = await this.intake.validate(body);
    } catch (error) {
      if (error instanceof IntakeValidationError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.issues });
      throw error;
    }
    const results = await this.intake.record(drafts);
    this.relay.nudge();
    return { accepted: results.length, results };
  }
}
