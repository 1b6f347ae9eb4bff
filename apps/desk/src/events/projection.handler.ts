import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IncidentSurgeV2, TopicName, TOPICS } from '@otklik/contracts';
import { KafkaEventContext } from '@otklik/messaging';
import { SurgeQueueService } from '../surges/surge-queue.service';
import { ProjectionService } from '../projection/projection.service';

/** Desk reads every event of the pipeline (its own included) into its read model. */
@Controller()
export class ProjectionHandler {
  constructor(
    private readonly projection: ProjectionService,
    private readonly surges: SurgeQueueService,
  ) {}

  @EventPattern(Object.values(TOPICS))
  async onEvent(@Payload() event: EventEnvelope<object>, @Ctx() context: KafkaEventContext): Promise<void> {
    const topic = context.getTopic() as TopicName;
    await this.projection.apply(topic, event);
    // A surge also waits in the centre's surge queue until someone acknowledges it.
    if (topic === TOPICS.incidentSurge) await this.surges.detected(event as EventEnvelope<IncidentSurgeV2>);
  }
}
