import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, TopicName, TOPICS } from '@otklik/contracts';
import { KafkaEventContext } from '@otklik/messaging';
import { ProjectionService } from './projection.service';

/** Desk reads every event of the pipeline (its own included) into its read model. */
@Controller()
export class ProjectionHandler {
  constructor(private readonly projection: ProjectionService) {}

  @EventPattern(Object.values(TOPICS))
  async onEvent(@Payload() event: EventEnvelope<object>, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.projection.apply(context.getTopic() as TopicName, event);
  }
}
