import { Injectable } from '@nestjs/common';
import { PostKind, TOPICS, Urgency } from '@otklik/contracts';
import { assertOperator } from '../access/access.policy';
import { Principal } from '../access/principal';
import { CommandEmitter } from '../actions/command-emitter';
import { DeskError } from '../common/desk-error';
import { PostStore } from '../projection/post.store';
import { TaxonomyService } from '../taxonomy/taxonomy.service';

/** What the operator says a dismissed post is. */
export interface Undismissal {
  /** Required: the router routes by topic; without one the post could not become an incident. */
  topicCode: string;
  territoryCode?: string;
  urgency?: Urgency;
  /** complaint (default) or question: only those need action. */
  kind?: (typeof ACTIONABLE_KINDS)[number] & PostKind;
}

/** Kinds that need action: a post marked not dismissed is one of them. */
export const ACTIONABLE_KINDS = ['complaint', 'question'] as const;

/**
 * An operator marks a post the classifier dismissed as needing action after all. It goes out as
 * a classification correction with `dismissed: false` (desk is that event's one producer): the
 * router makes the post an incident and routes it, the classifier keeps it as a labelled example.
 */
@Injectable()
export class UndismissPostService {
  constructor(
    private readonly posts: PostStore,
    private readonly emitter: CommandEmitter,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async undismiss(principal: Principal, postId: string, change: Undismissal): Promise<string> {
    assertOperator(principal);
    const post = await this.posts.find(postId);
    if (!post?.dismissed) throw DeskError.notFound(`dismissed post ${postId}`);
    if (post.dismissed.undone) throw DeskError.conflict(`post ${postId} was already marked not dismissed by ${post.dismissed.undone.by} at ${post.dismissed.undone.at}`);
    if (!this.taxonomy.isKnown(change.topicCode)) {
      throw DeskError.invalid('topicCode', `unknown topic code "${change.topicCode}" in taxonomy ${this.taxonomy.version}`);
    }
    const received = post.timeline.find((entry) => entry.topic === TOPICS.postReceived);
    const dismissal = post.timeline.find((entry) => entry.topic === TOPICS.postDismissed);
    return this.emitter.emitAbout(
      TOPICS.classificationCorrected,
      {
        postId,
        topicCode: change.topicCode,
        kind: change.kind ?? 'complaint',
        urgency: change.urgency,
        territoryCode: change.territoryCode,
        dismissed: false,
        ...(post.text && { text: post.text }),
        correctedBy: principal.id,
      },
      { key: postId, correlationId: received?.correlationId ?? dismissal?.correlationId, causationId: dismissal?.eventId },
    );
  }
}
