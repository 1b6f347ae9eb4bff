import { AnswerAssessment, AnswerQualityService } from '../answer-quality/answer-quality.service';
import { DeliveryRecord } from '../delivery-log/delivery-log.store';
import { DeliveryService } from '../dispatch/delivery.service';
import { render } from '../templates/templates';
import { PostRef } from '../delivery/post-ref';

/** An agency's final answer to carry back. */
export interface AnswerToPublish {
  /** The answered event's id: with the post and platform it makes each reply's delivery key. */
  eventId: string;
  correlationId?: string;
  answerId: string;
  incidentId: string;
  incidentNumber: string;
  agencyId: string;
  text: string;
  /** Every original post of the incident that can be answered on its platform. */
  posts: PostRef[];
}

export interface ReplyBackResult {
  assessment: AnswerAssessment;
  deliveries: DeliveryRecord[];
}

/**
 * Reply-back: the answer is checked for a formal non-answer, then posted under every original post
 * (VK comment, Telegram reply, OK comment) with a link to the incident. A flagged answer, when
 * holding is on, is stored as held until an operator releases it.
 */
export class ReplyBackService {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly quality: AnswerQualityService,
    private readonly incidentLink: (number: string) => string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async publish(answer: AnswerToPublish): Promise<ReplyBackResult> {
    const assessment = this.quality.assess(answer.text);
    const link = this.incidentLink(answer.incidentNumber);
    const { text } = render({ kind: 'reply', answerText: answer.text, incidentNumber: answer.incidentNumber, link }, 'ru');
    const deliveries: DeliveryRecord[] = [];
    for (const post of answer.posts) {
      deliveries.push(
        await this.deliveries.enqueue({
          eventId: answer.eventId,
          correlationId: answer.correlationId,
          recipient: `post:${post.postId}`,
          channel: post.platform,
          address: post.communityId,
          kind: 'reply',
          incidentId: answer.incidentId,
          answerId: answer.answerId,
          notBefore: this.clock(),
          held: assessment.held,
          message: { text, replyTo: post },
        }),
      );
    }
    return { assessment, deliveries };
  }
}
