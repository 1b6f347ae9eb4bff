import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { causedBy, EventEnvelope, PostVerdictV1, ReplyPublishedV1, TOPICS } from '@otklik/contracts';
import { InjectLogger } from '@otklik/platform';
import { OutboxPublisher } from '../outbox/outbox-publisher';
import { routerMetrics } from '../shared/router.metrics';
import { CitizenVerdictService } from './citizen-verdict.service';
import { ReplyThreadsService } from './reply-threads.service';

/** Answers published under citizens' posts (their threads), and the citizens' verdicts on them. */
@Controller()
export class CitizenRepliesHandler {
  constructor(
    private readonly threads: ReplyThreadsService,
    private readonly verdicts: CitizenVerdictService,
    private readonly outbox: OutboxPublisher,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.replyPublished)
  async onReplyPublished(@Payload() event: EventEnvelope<ReplyPublishedV1>): Promise<void> {
    const known = await this.threads.rememberReply(event.payload);
    if (!known) this.logger.info({ eventId: event.id, postId: event.payload.postId }, 'reply under a post this router has no thread of');
  }

  @EventPattern(TOPICS.postVerdict)
  async onVerdict(@Payload() event: EventEnvelope<PostVerdictV1>): Promise<void> {
    const p = event.payload;
    const result = await this.verdicts.apply(
      {
        postId: p.postId,
        origin: p.origin,
        verdict: p.verdict,
        confidence: p.confidence,
        text: p.text,
        postedAt: new Date(p.postedAt),
        at: new Date(event.occurredAt),
      },
      causedBy(event),
    );
    routerMetrics.feedback.inc({ act: `citizen_${p.verdict}`, applied: String(result.applied) });
    if (!result.applied) {
      // Not an error: most replies are in no answered incident's thread.
      this.logger.info({ eventId: event.id, postId: p.postId, verdict: p.verdict, reason: result.reason }, 'citizen verdict ignored');
      return;
    }
    await this.outbox.publish(result.events);
    this.logger.info({ eventId: event.id, postId: p.postId, incidentId: result.incident.id, state: result.incident.state }, 'citizen verdict applied');
  }
}
