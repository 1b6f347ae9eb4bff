import { IncidentClassifiedV2, PostDismissedV1, PostReceivedV1 } from '@otklik/contracts';
import type { Classification } from '../classifier/classification';
import type { Classifier } from '../classifier/classifier';
import type { DismissalReason } from '../kind/kind.service';
import { threadRefOf } from '../verdict/post-verdict';

/** What the classifier does with a post: an incident to route, or a post set aside with a reason. */
export type PostDecision =
  | { readonly outcome: 'classified'; readonly payload: IncidentClassifiedV2; readonly classification: Classification }
  | { readonly outcome: 'dismissed'; readonly payload: PostDismissedV1; readonly classification?: Classification };

/** Reason codes of post-dismissed, in the form the event catalogue documents. */
const DISMISSAL_CODES: Record<DismissalReason, string> = {
  gratitude: 'kind:thanks',
  advertising: 'spam:ads',
  'no-problem-stated': 'kind:other',
  empty: 'empty',
};

const EXPLAINED_FEATURE_DIGITS = 2;

/** Decides one post. Pure: no I/O, so it is tested and benchmarked without Kafka or MongoDB. */
export function decidePost(classifier: Classifier, post: PostReceivedV1): PostDecision {
  const revision = post.revision !== undefined ? { revision: post.revision } : {};
  if (post.author.isCommunity) {
    // The community's own posts (official pages) are announcements, not citizens' appeals.
    return {
      outcome: 'dismissed',
      payload: Object.assign(new PostDismissedV1(), { postId: post.postId, reason: 'author:community', modelVersion: classifier.modelVersion, ...revision } satisfies PostDismissedV1),
    };
  }
  const result = classifier.classify({ text: post.text, postedAt: new Date(post.createdAt), communityTerritory: post.community.territoryCode });
  const kind = { label: result.kind.kind, confidence: round(result.kind.confidence) };
  if (result.kind.dismissal !== undefined) {
    const payload = Object.assign(new PostDismissedV1(), {
      postId: post.postId,
      reason: DISMISSAL_CODES[result.kind.dismissal],
      kind,
      modelVersion: result.modelVersion,
      needsReview: result.needsReview,
      ...revision,
    } satisfies PostDismissedV1);
    return { outcome: 'dismissed', payload, classification: result };
  }
  const territory = result.place.territory;
  const address = result.place.address ? [result.place.address.street, result.place.address.house].filter(Boolean).join(', ') : undefined;
  const payload = Object.assign(new IncidentClassifiedV2(), {
    postId: post.postId,
    ...(post.duplicateOf ? { duplicateOf: post.duplicateOf } : {}),
    kind,
    topicCode: { label: result.topic.code, confidence: round(result.topic.confidence) },
    category: { label: result.category.code, confidence: round(result.category.confidence) },
    alternatives: result.alternatives.map((a) => ({ label: a.code, confidence: round(a.confidence) })),
    urgency: { label: result.urgency.level, confidence: round(result.urgency.confidence) },
    ...(territory ? { place: { territoryCode: territory.code, name: territory.name, ...(address ? { address } : {}), ...(post.geo ? { geo: post.geo } : {}) } } : {}),
    sentiment: { label: result.sentiment.label, confidence: round(result.sentiment.confidence) },
    modelVersion: result.modelVersion,
    taxonomyVersion: result.taxonomyVersion,
    needsReview: result.needsReview,
    explanation: {
      rules: [...result.explanation.rules],
      features: result.explanation.features.map((f) => `${f.feature} (+${f.weight.toFixed(EXPLAINED_FEATURE_DIGITS)})`),
    },
    text: post.text,
    urgencyLevel: result.urgency.level,
    ...revision,
    // The legal regime is the post's, not the classifier's: carried on for the clocks.
    ...(post.regime ? { regime: post.regime } : {}),
    origin: threadRefOf(post),
  } satisfies IncidentClassifiedV2);
  return { outcome: 'classified', payload, classification: result };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
