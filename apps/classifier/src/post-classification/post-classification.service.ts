import { Injectable } from '@nestjs/common';
import type { PostReceivedV1 } from '@otklik/contracts';
import { ReviewService } from '../review/review.service';
import { classificationMetrics } from './classification.metrics';
import { DecisionPool, type PooledDecision } from './decision-pool';

/** Decides a post and queues doubtful decisions for operators before they are announced. */
@Injectable()
export class PostClassificationService {
  constructor(
    private readonly pool: DecisionPool,
    private readonly review: ReviewService,
  ) {}

  /**
   * Decides a post; `stored` resolves once a doubtful decision is in the review queue. The caller
   * announces the decision meanwhile and awaits both, so a queue write adds no latency of its own.
   */
  async decide(post: PostReceivedV1, event: 'received' | 'edited'): Promise<{ decision: PooledDecision; stored: Promise<void> }> {
    const decision = await this.pool.decide(post);
    let stored = Promise.resolve();
    if (decision.classification?.needsReview) {
      stored = this.review.enqueue({
        postId: post.postId,
        text: post.text,
        postedAt: new Date(post.createdAt),
        ...(post.community.territoryCode ? { communityTerritory: post.community.territoryCode } : {}),
        ...(post.revision !== undefined ? { revision: post.revision } : {}),
        classification: decision.classification,
      });
    }
    classificationMetrics.posts.inc({ outcome: decision.outcome, event });
    if (decision.outcome === 'dismissed') classificationMetrics.dismissed.inc({ reason: decision.payload.reason });
    return { decision, stored };
  }
}
