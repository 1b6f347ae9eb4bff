import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ClassificationCorrectedV2, type PostKind, type Urgency } from '@otklik/contracts';
import { MicroBatcher } from '@otklik/messaging';
import { renameFieldOnce } from '@otklik/platform';
import type { Classification } from '../classifier/classification';
import { LabelledExample } from './labelled-example.schema';
import { reviewMetrics } from './review.metrics';
import { ReviewItem, type ReviewDecision, type ReviewStatus } from './review-item.schema';

/** A post the classifier was unsure about, as handed to the queue. */
export interface ReviewCandidate {
  readonly postId: string;
  readonly text: string;
  readonly postedAt: Date;
  readonly communityTerritory?: string;
  readonly revision?: number;
  readonly classification: Classification;
}

/** An operator's answer: nothing to change (confirm) or the labels that were wrong. */
export interface ReviewAnswer {
  /** Who answered: the `sub` of the caller's verified token, never a value the request names. */
  readonly operatorId: string;
  readonly topicCode?: string;
  readonly kind?: PostKind;
  readonly urgency?: Urgency;
  readonly territoryCode?: string;
}

/** The review item does not exist. */
export class ReviewItemNotFoundError extends Error {
  constructor(readonly postId: string) {
    super(`no review item for post "${postId}"`);
  }
}

const DUPLICATE_KEY = 11000;

/**
 * The operators' review queue and the labelled examples their answers make. Queue writes are
 * batched (one unordered bulk write per few milliseconds) so that a burst of doubtful posts does
 * not cost a database round trip each.
 */
@Injectable()
export class ReviewService implements OnModuleInit, OnModuleDestroy {
  private readonly writer = new MicroBatcher<ReviewCandidate>((batch) => this.write(batch), 5, 500);

  constructor(
    @InjectModel(ReviewItem.name) private readonly items: Model<ReviewItem>,
    @InjectModel(LabelledExample.name) private readonly examples: Model<LabelledExample>,
  ) {}

  /** Examples and queued decisions stored before the taxonomy code was named `topicCode` take the new name, once. */
  async onModuleInit(): Promise<void> {
    await renameFieldOnce(this.examples.db, this.examples.collection.collectionName, 'topic', 'topicCode');
    await renameFieldOnce(this.items.db, this.items.collection.collectionName, 'decision.topic', 'decision.topicCode');
  }

  /** Queues a doubtful decision; resolves once stored. An edit refreshes a pending item, never a resolved one. */
  enqueue(candidate: ReviewCandidate): Promise<void> {
    for (const reason of candidate.classification.reviewReasons) reviewMetrics.queued.inc({ reason });
    return this.writer.add(candidate);
  }

  /** Items in `status`, oldest first. */
  list(status: ReviewStatus, limit: number, skip = 0): Promise<ReviewItem[]> {
    return this.items.find({ status }).sort({ createdAt: 1, postId: 1 }).skip(skip).limit(limit).lean<ReviewItem[]>().exec();
  }

  async get(postId: string): Promise<ReviewItem> {
    const item = await this.items.findOne({ postId }).lean<ReviewItem>().exec();
    if (!item) throw new ReviewItemNotFoundError(postId);
    return item;
  }

  /**
   * Records an operator's answer: the item is resolved, the final labels become a labelled
   * example (the latest answer wins), and the answer is returned as a correction.
   */
  async resolve(postId: string, answer: ReviewAnswer): Promise<ClassificationCorrectedV2> {
    const item = await this.get(postId);
    const changed = answer.topicCode !== undefined || answer.kind !== undefined || answer.urgency !== undefined || answer.territoryCode !== undefined;
    const action = changed ? 'corrected' : 'confirmed';
    const kind = answer.kind ?? (item.decision.kind as PostKind);
    const actionable = kind === 'complaint' || kind === 'question';
    const topicCode = answer.topicCode ?? (actionable ? item.decision.topicCode : undefined);
    const urgency = answer.urgency ?? (actionable ? (item.decision.urgency as Urgency) : undefined);
    const territoryCode = answer.territoryCode ?? item.decision.territoryCode;
    const now = new Date();
    await this.items.updateOne({ postId }, { $set: { status: action, resolvedBy: answer.operatorId, resolvedAt: now } }).exec();
    await this.examples
      .updateOne(
        { postId },
        { $set: { text: item.text, kind, topicCode, urgency, territoryCode, action, labelledBy: answer.operatorId, labelledAt: now, modelVersion: item.modelVersion } },
        { upsert: true },
      )
      .exec();
    reviewMetrics.resolved.inc({ action });
    return Object.assign(new ClassificationCorrectedV2(), {
      postId,
      kind,
      ...(topicCode ? { topicCode } : {}),
      ...(urgency ? { urgency } : {}),
      ...(territoryCode ? { territoryCode } : {}),
      correctedBy: answer.operatorId,
    } satisfies ClassificationCorrectedV2);
  }

  /**
   * Records a correction made in desk as a labelled example: the labels it names over those the
   * post had (an earlier correction's, else the queued decision's), the text it carries or the
   * queued one. A pending review item is resolved by it. An older correction arriving after a
   * newer one changes nothing; without a text there is no example to keep (`no-text`).
   */
  async recordCorrection(correction: ClassificationCorrectedV2, at: Date): Promise<'recorded' | 'stale' | 'no-text'> {
    const [item, earlier] = await Promise.all([
      this.items.findOne({ postId: correction.postId }).lean<ReviewItem>().exec(),
      this.examples.findOne({ postId: correction.postId }).lean<LabelledExample>().exec(),
    ]);
    const text = correction.text ?? earlier?.text ?? item?.text;
    if (!text) return 'no-text';
    const labels = correctedLabels(correction, earlier ?? (item ? { ...item.decision, modelVersion: item.modelVersion } : undefined));
    const example = { text, ...labels, action: 'corrected', labelledBy: correction.correctedBy, labelledAt: at };
    try {
      // Only a correction at least as recent as the stored one replaces it; an older one finds no
      // document to update, tries to insert one and hits the unique post id.
      await this.examples.updateOne({ postId: correction.postId, labelledAt: { $lte: at } }, { $set: example }, { upsert: true }).exec();
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return 'stale';
      throw error;
    }
    if (item?.status === 'pending') {
      await this.items.updateOne({ postId: correction.postId, status: 'pending' }, { $set: { status: 'corrected', resolvedBy: correction.correctedBy, resolvedAt: at } }).exec();
    }
    reviewMetrics.resolved.inc({ action: 'corrected' });
    return 'recorded';
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.flush();
  }

  /**
   * Writes a batch straight through the driver: the documents are built complete here, and
   * mongoose's casting of every nested decision cost more than the rest of a post's handling.
   * Most posts are queued once, so the batch is inserted; the few that already have an item (an
   * edit, a redelivery) are then upserted onto a pending one. An insert costs the database a
   * fraction of an upsert's look-up, which had made review writes the pipeline's largest cost.
   */
  private async write(batch: ReviewCandidate[]): Promise<void> {
    const now = new Date();
    const queued = await this.insertNew(batch.map((candidate) => ({ ...this.fields(candidate, now), status: 'pending' as const, createdAt: now })));
    const again = batch.filter((candidate, index) => !queued[index]);
    if (again.length === 0) return;
    const operations = again.map((candidate) => ({
      updateOne: {
        filter: { postId: candidate.postId, status: 'pending' as const },
        update: { $set: this.fields(candidate, now), $setOnInsert: { createdAt: now } },
        upsert: true,
      },
    }));
    try {
      await this.items.collection.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // A post already resolved by an operator keeps that answer: its upsert hits the unique postId.
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /** Inserts the documents; whether each one was inserted (false: its post already had an item). */
  private async insertNew(documents: Record<string, unknown>[]): Promise<boolean[]> {
    const inserted = documents.map(() => true);
    try {
      await this.items.collection.insertMany(documents, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
      for (const writeError of writeErrorsOf(error)) if (writeError.index !== undefined) inserted[writeError.index] = false;
    }
    return inserted;
  }

  /** The fields a queued decision sets, whether the item is new or refreshed. */
  private fields(candidate: ReviewCandidate, now: Date): Record<string, unknown> {
    return {
      postId: candidate.postId,
      text: candidate.text,
      postedAt: candidate.postedAt,
      modelVersion: candidate.classification.modelVersion,
      decision: toDecision(candidate.classification),
      updatedAt: now,
      ...(candidate.communityTerritory !== undefined ? { communityTerritory: candidate.communityTerritory } : {}),
      ...(candidate.revision !== undefined ? { revision: candidate.revision } : {}),
    };
  }
}

function toDecision(c: Classification): ReviewDecision {
  const address = c.place.address ? [c.place.address.street, c.place.address.house].filter(Boolean).join(', ') : undefined;
  return {
    kind: c.kind.kind,
    kindConfidence: c.kind.confidence,
    ...(c.kind.dismissal ? { dismissalReason: c.kind.dismissal } : {}),
    category: c.category.code,
    categoryConfidence: c.category.confidence,
    topicCode: c.topic.code,
    topicConfidence: c.topic.confidence,
    alternatives: c.alternatives.map((a) => ({ code: a.code, confidence: a.confidence })),
    urgency: c.urgency.level,
    ...(c.place.territory ? { territoryCode: c.place.territory.code } : {}),
    ...(address ? { address } : {}),
    reviewReasons: [...c.reviewReasons],
    rules: [...c.explanation.rules],
    features: c.explanation.features.map((f) => f.feature),
  };
}

interface WriteErrorLike {
  readonly index?: number;
  readonly code?: number;
  readonly err?: { readonly code?: number };
}

/** The per-document errors of a bulk write error; the driver gives one error bare, several as a list. */
function writeErrorsOf(error: unknown): WriteErrorLike[] {
  const writeErrors = (error as { writeErrors?: WriteErrorLike | WriteErrorLike[] }).writeErrors;
  if (writeErrors === undefined) return [];
  return Array.isArray(writeErrors) ? writeErrors : [writeErrors];
}

function onlyDuplicates(error: unknown): boolean {
  const writeErrors = writeErrorsOf(error);
  if ((error as { code?: number }).code === DUPLICATE_KEY && writeErrors.length === 0) return true;
  return writeErrors.length > 0 && writeErrors.every((e) => (e.code ?? e.err?.code) === DUPLICATE_KEY);
}

/** Labels a post had before a correction: a stored example's or the queued decision's. */
interface PriorLabels {
  readonly kind?: string;
  readonly topicCode?: string;
  readonly urgency?: string;
  readonly territoryCode?: string;
  readonly modelVersion?: string;
}

/**
 * The labels after a correction. A post said not to be dismissed is a complaint unless the
 * correction names its kind; one said to be dismissed is `other` unless named. Topic and urgency
 * are kept only for actionable posts.
 */
export function correctedLabels(c: ClassificationCorrectedV2, prior: PriorLabels | undefined): { kind: string; topicCode?: string; urgency?: string; territoryCode?: string; modelVersion: string } {
  const priorKind = prior?.kind;
  const priorActionable = priorKind === 'complaint' || priorKind === 'question';
  const kind =
    c.kind ??
    (c.dismissed === false && !priorActionable ? 'complaint' : undefined) ??
    (c.dismissed === true && priorActionable ? 'other' : undefined) ??
    priorKind ??
    (c.topicCode ? 'complaint' : 'other');
  const actionable = kind === 'complaint' || kind === 'question';
  const topicCode = actionable ? (c.topicCode ?? prior?.topicCode) : undefined;
  const urgency = actionable ? (c.urgency ?? prior?.urgency) : undefined;
  const territoryCode = c.territoryCode ?? prior?.territoryCode;
  return { kind, ...(topicCode && { topicCode }), ...(urgency && { urgency }), ...(territoryCode && { territoryCode }), modelVersion: prior?.modelVersion ?? 'unknown' };
}
