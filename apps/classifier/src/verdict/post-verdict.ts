import { PostReceivedV1, PostThreadRef, PostVerdictV1 } from '@otklik/contracts';
import { recogniseVerdict, VERDICT_RULES_VERSION } from './verdict.rules';

/** Where a post sits on its platform, as the classified incident and a verdict carry it. */
export function threadRefOf(post: PostReceivedV1): PostThreadRef {
  return {
    platform: post.platform,
    externalId: post.externalId,
    authorPseudonym: post.author.pseudonym,
    ...(post.replyTo !== undefined && { replyTo: post.replyTo }),
    ...(post.threadId !== undefined && { threadId: post.threadId }),
  };
}

/**
 * The verdict a post gives, if it is a citizen's reply in a thread (a comment, a discussion reply,
 * a follow-up naming the post it follows) and reads as one. Whether it follows an answer is the
 * router's to decide: it knows which threads are incidents' and which were answered.
 */
export function verdictOf(post: PostReceivedV1): PostVerdictV1 | undefined {
  if (post.author.isCommunity || (post.replyTo === undefined && post.threadId === undefined)) return undefined;
  const decision = recogniseVerdict({ text: post.text, hasPhoto: post.attachments.some((a) => a.type === 'photo') });
  if (!decision) return undefined;
  return Object.assign(new PostVerdictV1(), {
    postId: post.postId,
    origin: threadRefOf(post),
    verdict: decision.verdict,
    confidence: decision.confidence,
    signals: [...decision.signals],
    text: post.text,
    postedAt: post.createdAt,
    rulesVersion: VERDICT_RULES_VERSION,
  } satisfies PostVerdictV1);
}
