import { createHash } from 'node:crypto';
import { DEFAULT_LEGAL_REGIME, type PostDeletedV1, type PostReceivedV1 } from '@otklik/contracts';
import type { NearDuplicateService } from '../dedup/near-duplicate.service';
import type { RecentPostsIndex } from '../dedup/recent-posts.index';
import { cleanPostText } from '../normalisation/text';
import type { Pseudonymiser } from '../normalisation/pseudonymiser';
import type { OutboxRelay } from '@otklik/messaging';
import type { OutboxEntry, PendingEvents } from './outbox.model';
import { postDeletedEntry, postEditedEntry, postReceivedEntry } from './post-events';
import type { SourceStatusStore } from '../sources/source-status.store';
import type { SourceCounters } from '../sources/source.model';
import type { FilterReason, SpamFilterService } from '../spam/spam-filter.service';
import type { IngestMetrics } from '../metrics/ingest-metrics';
import type { DeletionDraft, Observation, PostDraft, RecordResult, StoredPost } from './post.model';
import { KnownPostsCache } from './known-posts.cache';
import { postIdFor } from './post-ids';
import type { PostStore, RawPayloadStore } from './post.store';

/** Everything the recorder works with. */
export interface PostRecorderDeps {
  posts: PostStore;
  /** Recent posts for near-duplicate and flood checks; the recorder keeps it up to date. */
  recent: RecentPostsIndex;
  /** The relay, told of new pending events so that it need not query the database for them. */
  outbox?: Pick<OutboxRelay<PendingEvents>, 'offer'>;
  /** Last known state of recent posts; spares round trips for unchanged and brand-new posts. */
  cache?: KnownPostsCache;
  raw: RawPayloadStore;
  pseudonymiser: Pseudonymiser;
  duplicates: NearDuplicateService;
  spam: SpamFilterService;
  /** Per-source counters of what was recorded (shown on the sources API). */
  counters?: Pick<SourceStatusStore, 'increment'>;
  metrics?: IngestMetrics;
  now?: () => Date;
}

function countersFor(result: RecordResult): Partial<SourceCounters> {
  switch (result.outcome) {
    case 'received':
      return result.duplicateOf ? { received: 1, duplicates: 1 } : { received: 1 };
    case 'edited':
    case 'restored':
      return { edited: 1 };
    case 'deleted':
      return { deleted: 1 };
    case 'filtered':
      return { filtered: 1 };
    default:
      return {};
  }
}

const MAX_ATTEMPTS = 5;

/** Someone else kept changing the same post; the observation may be retried later. */
export class ConcurrentPostUpdateError extends Error {
  constructor(
    readonly platform: string,
    readonly externalId: string,
  ) {
    super(`post ${platform}:${externalId} changed concurrently ${MAX_ATTEMPTS} times`);
    this.name = 'ConcurrentPostUpdateError';
  }
}

/** Reasons that come from who posted and how, not from the text: an edit does not clear them. */
const STICKY_REASONS: ReadonlySet<FilterReason> = new Set<FilterReason>(['flood', 'platform-ad']);

type Normalised = { payload: PostReceivedV1; contentHash: string; pseudonym: string };
type Attempt = RecordResult | 'conflict';

/**
 * Records what connectors observe, exactly once per change. A change and its event are written in
 * one single-document write (the event goes into the post's pending list, published later by the
 * relay), guarded by a compare-and-set on the revision. Replaying an observation after a crash finds
 * the change already made and does nothing; event ids are computed from (post, kind, revision), so
 * a re-publish after a crash carries the same id and consumers drop it.
 */
export class PostRecorderService {
  private readonly now: () => Date;
  private readonly cache: KnownPostsCache;

  constructor(private readonly deps: PostRecorderDeps) {
    this.now = deps.now ?? (() => new Date());
    this.cache = deps.cache ?? new KnownPostsCache();
  }

  /** Records one observation; safe to call again with the same observation. */
  async record(observation: Observation): Promise<RecordResult> {
    const result = observation.kind === 'post' ? await this.recordPost(observation.draft) : await this.recordDeletion(observation.deletion);
    const { platform, sourceId } = observation.kind === 'post' ? observation.draft : observation.deletion;
    await this.account(platform, sourceId, result);
    return result;
  }

  /** Whether this process has seen the post (a post it has not is most likely new). */
  knows(draft: PostDraft): boolean {
    return this.cache.get(draft.platform, draft.externalId) !== undefined;
  }

  /**
   * Records posts this process has not seen with one unordered insert: on FerretDB each round trip
   * costs about as much as the insert itself, so a batch of new posts is one write instead of one
   * each. Drafts must be of different posts. Returns a result per draft, or undefined where the post
   * was there already (record that one with `record`, which reads it).
   */
  async recordNewPosts(drafts: PostDraft[]): Promise<(RecordResult | undefined)[]> {
    const firsts: { stored: StoredPost; result: RecordResult; draft: PostDraft }[] = [];
    for (const draft of drafts) {
      const first = await this.firstRevision(draft, this.normalise(draft));
      // Later posts of the batch are checked against this one (near-duplicates, floods), as if it were written.
      this.addRecent(first.stored);
      firsts.push({ ...first, draft });
    }
    const inserted = await this.deps.posts.insertMany(firsts.map((f) => f.stored));
    return Promise.all(
      firsts.map(async ({ stored, result, draft }, index) => {
        if (!inserted[index]) return undefined;
        this.written(stored);
        await this.saveRaw(stored, draft.raw, stored.firstSeenAt);
        await this.account(draft.platform, draft.sourceId, result);
        return result;
      }),
    );
  }

  private async account(platform: PostDraft['platform'], sourceId: string, result: RecordResult): Promise<void> {
    this.deps.metrics?.recorded(platform, sourceId, result);
    const counters = countersFor(result);
    if (this.deps.counters && Object.keys(counters).length > 0) await this.deps.counters.increment(sourceId, counters);
  }

  private async recordPost(draft: PostDraft): Promise<RecordResult> {
    const normalised = this.normalise(draft);
    const known = this.cache.get(draft.platform, draft.externalId);
    if (known && !known.deleted && known.contentHash === normalised.contentHash) {
      return { outcome: 'unchanged', postId: known.postId };
    }
    // Not seen by this process: most likely new, so try the insert first; a duplicate key means
    // it is known after all and the next attempt reads it.
    let tryInsertFirst = known === undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const existing = tryInsertFirst ? null : await this.deps.posts.findByExternalId(draft.platform, draft.externalId);
      tryInsertFirst = false;
      if (existing) this.cache.remember(existing);
      const result = existing ? await this.recordKnown(existing, draft, normalised) : await this.recordNew(draft, normalised);
      if (result !== 'conflict') return result;
    }
    throw new ConcurrentPostUpdateError(draft.platform, draft.externalId);
  }

  private normalise(draft: PostDraft): Normalised {
    const text = cleanPostText(draft.text);
    const pseudonym = this.deps.pseudonymiser.pseudonym(draft.platform, draft.author.platformId);
    const payload: PostReceivedV1 = {
      postId: postIdFor(draft.platform, draft.externalId, draft.createdAt),
      platform: draft.platform,
      externalId: draft.externalId,
      sourceId: draft.sourceId,
      url: draft.url,
      community: { ...draft.community },
      author: { pseudonym, displayName: draft.author.displayName, isCommunity: draft.author.isCommunity },
      text,
      createdAt: draft.createdAt.toISOString(),
      editedAt: draft.editedAt?.toISOString(),
      replyTo: draft.replyTo,
      threadId: draft.threadId,
      attachments: draft.attachments.map(({ type, url }) => ({ type, url })),
      geo: draft.geo,
      regime: draft.regime ?? DEFAULT_LEGAL_REGIME,
    };
    // Attachment keys, not URLs: platforms re-sign media URLs on every fetch.
    const contentHash = createHash('sha256')
      .update(JSON.stringify([text, draft.attachments.map((a) => a.key).sort(), draft.geo ?? null, draft.replyTo ?? null]))
      .digest('hex');
    return { payload, contentHash, pseudonym };
  }

  private spamCheck(draft: PostDraft, n: Normalised): Promise<FilterReason[]> {
    return this.deps.spam.check({
      postId: n.payload.postId,
      text: n.payload.text,
      authorPseudonym: n.pseudonym,
      authorIsCommunity: draft.author.isCommunity,
      createdAt: draft.createdAt,
      attachmentCount: draft.attachments.length,
      markedAsAd: draft.markedAsAd === true,
    });
  }

  private async recordNew(draft: PostDraft, n: Normalised): Promise<Attempt> {
    const { stored, result } = await this.firstRevision(draft, n);
    if (!(await this.deps.posts.insert(stored))) return 'conflict';
    this.written(stored);
    await this.saveRaw(stored, draft.raw, stored.firstSeenAt);
    return result;
  }

  /** A new post's first revision, with its `post.received` unless the filters hold it back. */
  private async firstRevision(draft: PostDraft, n: Normalised): Promise<{ stored: StoredPost; result: RecordResult }> {
    const now = this.now();
    const fingerprint = this.deps.duplicates.fingerprint(n.payload.text);
    const reasons = await this.spamCheck(draft, n);
    const duplicateOf =
      reasons.length > 0
        ? undefined
        : await this.deps.duplicates.findOriginal({
            fingerprint,
            createdAt: draft.createdAt,
            geo: draft.geo,
            excludePostId: n.payload.postId,
          });
    const payload: PostReceivedV1 = { ...n.payload, duplicateOf, revision: 1 };
    const event = reasons.length === 0 ? postReceivedEntry(payload, 1, now) : undefined;
    const stored: StoredPost = {
      postId: payload.postId,
      platform: draft.platform,
      externalId: draft.externalId,
      sourceId: draft.sourceId,
      revision: 1,
      contentHash: n.contentHash,
      post: payload,
      authorPseudonym: n.pseudonym,
      signature: fingerprint.signature,
      signatureBands: fingerprint.bands,
      filterReasons: reasons,
      emitted: event !== undefined,
      receivedEventId: event?.id,
      pendingEvents: event ? [event] : [],
      duplicateOf,
      isReply: draft.replyTo !== undefined || draft.threadId !== undefined,
      createdAt: draft.createdAt,
      firstSeenAt: now,
      updatedAt: now,
    };
    const result: RecordResult = event ? { outcome: 'received', postId: payload.postId, duplicateOf } : { outcome: 'filtered', postId: payload.postId, filterReasons: reasons };
    return { stored, result };
  }

  private async recordKnown(existing: StoredPost, draft: PostDraft, n: Normalised): Promise<Attempt> {
    const restored = existing.deletedAt !== undefined;
    if (!restored && existing.contentHash === n.contentHash) return { outcome: 'unchanged', postId: existing.postId };
    const now = this.now();
    const revision = existing.revision + 1;
    const payload: PostReceivedV1 = {
      ...n.payload,
      postId: existing.postId,
      sourceId: existing.sourceId,
      duplicateOf: existing.duplicateOf,
      revision,
      // The regime is fixed when a message is first taken in: an edit does not change the law it falls under.
      regime: existing.post.regime ?? n.payload.regime,
    };
    let reasons = existing.filterReasons;
    let event: OutboxEntry | undefined;
    if (existing.emitted && existing.receivedEventId) {
      event = postEditedEntry(payload, revision, existing.receivedEventId, now);
    } else {
      // A held-back post is checked again: an edit may have removed what made it look like spam.
      const fresh = await this.spamCheck(draft, n);
      const sticky = existing.filterReasons.filter((reason) => STICKY_REASONS.has(reason as FilterReason));
      reasons = [...new Set([...fresh.filter((reason) => !STICKY_REASONS.has(reason)), ...sticky])];
      if (reasons.length === 0) event = postReceivedEntry(payload, revision, now);
    }
    const fingerprint = this.deps.duplicates.fingerprint(payload.text);
    // A change of an erased post brings its data back as the platform shows it now, to be kept anew.
    const updated: StoredPost = {
      ...existing,
      revision,
      contentHash: n.contentHash,
      post: payload,
      authorPseudonym: n.pseudonym,
      erasedAt: undefined,
      signature: fingerprint.signature,
      signatureBands: fingerprint.bands,
      filterReasons: reasons,
      emitted: existing.emitted || event !== undefined,
      receivedEventId: existing.receivedEventId ?? event?.id,
      pendingEvents: event ? [...existing.pendingEvents, event] : existing.pendingEvents,
      updatedAt: now,
      deletedAt: undefined,
    };
    if (!(await this.deps.posts.replace(updated, existing.revision))) return 'conflict';
    this.written(updated);
    await this.saveRaw(updated, draft.raw, now);
    if (!event) return { outcome: 'filtered', postId: existing.postId, filterReasons: reasons };
    if (!existing.emitted) return { outcome: 'received', postId: existing.postId, duplicateOf: existing.duplicateOf };
    return { outcome: restored ? 'restored' : 'edited', postId: existing.postId };
  }

  private async recordDeletion(deletion: DeletionDraft): Promise<RecordResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const existing = await this.deps.posts.findByExternalId(deletion.platform, deletion.externalId);
      if (!existing) return { outcome: 'unknown-deletion' };
      this.cache.remember(existing);
      if (existing.deletedAt) return { outcome: 'unchanged', postId: existing.postId };
      const now = this.now();
      const revision = existing.revision + 1;
      const events = [...existing.pendingEvents];
      if (existing.emitted && existing.receivedEventId) {
        const payload: PostDeletedV1 = {
          postId: existing.postId,
          platform: existing.platform,
          externalId: existing.externalId,
          deletedAt: deletion.deletedAt.toISOString(),
          sourceId: deletion.sourceId,
          revision,
        };
        events.push(postDeletedEntry(payload, existing.createdAt, existing.receivedEventId, now));
      }
      const updated: StoredPost = { ...existing, revision, deletedAt: deletion.deletedAt, updatedAt: now, pendingEvents: events };
      if (await this.deps.posts.replace(updated, existing.revision)) {
        this.written(updated);
        if (deletion.raw !== undefined) await this.saveRaw(updated, deletion.raw, now);
        return { outcome: 'deleted', postId: existing.postId };
      }
    }
    throw new ConcurrentPostUpdateError(deletion.platform, deletion.externalId);
  }

  /** Tells the cache, the recent index and the relay about a write that won (the recorder's own or a release). */
  written(post: StoredPost): void {
    this.cache.remember(post);
    this.addRecent(post);
    if (post.pendingEvents.length > 0) this.deps.outbox?.offer([{ holder: post.postId, version: post.revision, events: post.pendingEvents }]);
  }

  private addRecent(post: StoredPost): void {
    this.deps.recent.add({
      postId: post.postId,
      authorPseudonym: post.authorPseudonym,
      createdAt: post.createdAt,
      candidate: post.emitted && post.signature && !post.deletedAt ? { signature: post.signature, bands: post.signatureBands, geo: post.post.geo, duplicateOf: post.duplicateOf } : undefined,
    });
  }

  /** The raw payload is evidence, not state: it is saved after the change won, keyed by revision. */
  private saveRaw(post: StoredPost, raw: unknown, now: Date): Promise<void> {
    return this.deps.raw.save({
      id: `${post.postId}:${post.revision}`,
      postId: post.postId,
      platform: post.platform,
      receivedAt: now,
      payload: JSON.stringify(raw) ?? 'null',
    });
  }
}
