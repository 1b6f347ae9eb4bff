import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { causedBy, derivedEventId, TOPICS, type EventEnvelope, type PostEditedV1, type PostReceivedV1 } from '@otklik/contracts';
import { EventPublisher, NATURALLY_IDEMPOTENT } from '@otklik/messaging';
import { verdictOf } from '../verdict/post-verdict';
import { PostClassificationService } from './post-classification.service';

/**
 * Classifies new and edited posts and announces the outcome. Handling a post again (a redelivery)
 * gives the same decision under the same event id — the model is deterministic and the id is
 * derived from the input event's — and the review queue keeps one item per post, so no claim
 * per event is needed: consumers recognise a repeated announcement by its id. A citizen's reply
 * that reads as a verdict on an answer is announced as `post.verdict` as well.
 */
@Controller()
export class PostClassificationHandler {
  constructor(
    private readonly classification: PostClassificationService,
    private readonly publisher: EventPublisher,
  ) {}

  @EventPattern(TOPICS.postReceived, { [NATURALLY_IDEMPOTENT]: true })
  onReceived(@Payload() event: EventEnvelope<PostReceivedV1>): Promise<void> {
    return this.handle(event, 'received');
  }

  @EventPattern(TOPICS.postEdited, { [NATURALLY_IDEMPOTENT]: true })
  onEdited(@Payload() event: EventEnvelope<PostEditedV1>): Promise<void> {
    return this.handle(event, 'edited');
  }

  private async handle(event: EventEnvelope<PostReceivedV1>, kind: 'received' | 'edited'): Promise<void> {
    const { decision, stored } = await this.classification.decide(event.payload, kind);
    const topic = decision.outcome === 'classified' ? TOPICS.incidentClassified : TOPICS.postDismissed;
    const published =
      decision.outcome === 'classified'
        ? this.publisher.publish(TOPICS.incidentClassified, decision.payload, this.options(event, topic))
        : this.publisher.publish(TOPICS.postDismissed, decision.payload, this.options(event, topic));
    // A reply is classified like any post (a dispute may state the problem anew) and, when it
    // reads as a verdict on an answer, announced as one too; only its first version gives one.
    const verdict = kind === 'received' ? verdictOf(event.payload) : undefined;
    const announced = verdict ? this.publisher.publish(TOPICS.postVerdict, verdict, this.options(event, TOPICS.postVerdict)) : undefined;
    await Promise.all([published, stored, announced]);
  }

  private options(event: EventEnvelope<PostReceivedV1>, topic: string) {
    return { key: event.payload.postId, ...causedBy(event), id: derivedEventId(`${event.id}/${topic}`, Date.parse(event.occurredAt)) };
  }
}
