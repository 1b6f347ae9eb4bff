import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@otklik/auth';
import type { Principal } from '../access/principal';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { AcknowledgeRequest, AnswerRequest, CorrectClassificationRequest, MergeRequest, ReassignRequest, ReasonRequest, ReturnRequest, SplitRequest } from './actions.dto';
import { AgencyActionsService } from './agency-actions.service';
import { ClarificationService } from './clarification.service';
import { OperatorActionsService } from './operator-actions.service';

/** What every action answers: the event that carries it (the incident page reloads itself). */
interface Accepted {
  eventId: string;
}

/**
 * Actions are commands to the services that own the decision (router, classifier, sla-tracker):
 * 202 means the command is stored and will reach them; the incident's history shows it at once.
 */
@ApiTags('actions')
@ApiErrors({
  409: "The incident's state does not allow this now (already answered, merged, closed, asked already…)",
  422: 'The request names something that cannot be used (an unknown topic, agency, post or incident, a date in the past); `fields` names it',
})
@Controller('api/v1/incidents/:incidentId')
export class ActionsController {
  constructor(
    private readonly operator: OperatorActionsService,
    private readonly agency: AgencyActionsService,
    private readonly clarification: ClarificationService,
  ) {}

  @Post('classification')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Correct the classification (topic, kind, urgency, territory)' })
  async correct(@Param('incidentId') id: string, @Body() body: CorrectClassificationRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.operator.correctClassification(who, id, body) };
  }

  @Post('reassign')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Ask the router to give the incident to another agency' })
  async reassign(@Param('incidentId') id: string, @Body() body: ReassignRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.operator.request(who, id, { action: 'reassign', ...body }) };
  }

  @Post('merge')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Merge this incident into another (the same problem)' })
  async merge(@Param('incidentId') id: string, @Body() body: MergeRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.operator.request(who, id, { action: 'merge', ...body }) };
  }

  @Post('split')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Take some posts out into a new incident' })
  async split(@Param('incidentId') id: string, @Body() body: SplitRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.operator.request(who, id, { action: 'split', ...body }) };
  }

  @Post('dismiss')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Close as needing no action, with a reason' })
  async dismiss(@Param('incidentId') id: string, @Body() body: ReasonRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.operator.request(who, id, { action: 'dismiss', reason: body.reason }) };
  }

  @Post('clarification')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin', 'agency')
  @ApiOperation({ summary: 'Record that the citizen was asked for a clarification (what was asked); clocks that wait for the citizen pause' })
  async requestClarification(@Param('incidentId') id: string, @Body() body: ReasonRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.clarification.record(who, id, 'request_clarification', body.reason) };
  }

  @Post('clarification/received')
  @HttpCode(202)
  @Roles('operator', 'supervisor', 'admin', 'agency')
  @ApiOperation({ summary: "Record that the citizen's clarification came (what it says); paused clocks run again" })
  async clarificationReceived(@Param('incidentId') id: string, @Body() body: ReasonRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.clarification.record(who, id, 'clarification_received', body.reason) };
  }

  @Post('acknowledge')
  @HttpCode(202)
  @Roles('agency')
  @ApiOperation({ summary: 'The agency takes the incident' })
  async acknowledge(@Param('incidentId') id: string, @Body() body: AcknowledgeRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.agency.acknowledge(who, id, body) };
  }

  @Post('answers')
  @HttpCode(202)
  @Roles('agency')
  @ApiOperation({ summary: 'Answer: interim with a promised date, or final with text and photos' })
  async answer(@Param('incidentId') id: string, @Body() body: AnswerRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.agency.answer(who, id, body) };
  }

  @Post('return')
  @HttpCode(202)
  @Roles('agency')
  @ApiOperation({ summary: "Return as not this agency's competence, with a reason" })
  async returnIncident(@Param('incidentId') id: string, @Body() body: ReturnRequest, @CurrentPrincipal() who: Principal): Promise<Accepted> {
    return { eventId: await this.agency.returnIncident(who, id, body) };
  }
}
