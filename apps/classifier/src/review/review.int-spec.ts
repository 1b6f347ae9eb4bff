import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { isolateInfra, startTestService, type IsolatedInfra, type TestService } from '@otklik/testing';
import { readCorrectionRecords, toLabelledTexts } from '../datasets/corrections.reader';
import { UnmappedLabels } from '../datasets/unmapped-labels';
import { AppModule } from '../app.module';
import { Classifier } from '../classifier/classifier';
import { ReviewService, type ReviewCandidate } from './review.service';

let infra: IsolatedInfra;
let service: TestService;
let review: ReviewService;
let classifier: Classifier;

beforeAll(async () => {
  infra = isolateInfra('classifier-review');
  service = await startTestService('classifier', AppModule);
  review = service.app.get(ReviewService);
  classifier = service.app.get(Classifier);
});

afterAll(async () => {
  await service?.close();
  await infra?.cleanup();
});

function candidate(postId: string, text: string, revision?: number): ReviewCandidate {
  const postedAt = new Date('2024-01-20T08:00:00.000Z');
  return { postId, text, postedAt, ...(revision !== undefined ? { revision } : {}), classification: classifier.classify({ text, postedAt }) };
}

describe('review queue', () => {
  it('keeps one item per post: a batch with new and known posts inserts the new and refreshes the pending', async () => {
    await review.enqueue(candidate('r-1', 'Обратите внимание на это безобразие'));
    const queuedAt = (await review.get('r-1')).createdAt;
    await Promise.all([
      review.enqueue(candidate('r-1', 'Обратите внимание на это безобразие во дворе', 2)),
      review.enqueue(candidate('r-2', 'Сколько можно терпеть')),
      review.enqueue(candidate('r-2', 'Сколько можно терпеть это', 2)),
    ]);
    const first = await review.get('r-1');
    expect(first).toMatchObject({ status: 'pending', revision: 2, text: 'Обратите внимание на это безобразие во дворе' });
    expect(first.createdAt).toEqual(queuedAt);
    expect(first.updatedAt.getTime()).toBeGreaterThanOrEqual(queuedAt.getTime());
    expect(await review.get('r-2')).toMatchObject({ status: 'pending', revision: 2 });
    const pending = await review.list('pending', 100);
    expect(
      pending
        .filter((item) => item.postId.startsWith('r-'))
        .map((item) => item.postId)
        .sort(),
    ).toEqual(['r-1', 'r-2']);
  });

  it('never reopens an item an operator has answered', async () => {
    await review.enqueue(candidate('r-3', 'Обратите внимание'));
    await review.resolve('r-3', { operatorId: 'op-1', topicCode: 'landscaping.yards' });
    await review.enqueue(candidate('r-3', 'Обратите внимание, опять', 2));
    expect(await review.get('r-3')).toMatchObject({ status: 'corrected', resolvedBy: 'op-1', text: 'Обратите внимание' });
  });

  it('gives examples and queued decisions an earlier release stored the name topicCode, and answers them as corrections', async () => {
    const db = service.app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    // As an earlier release left them: no record of the rename yet, `topic` in both collections.
    await db.collection('schema_changes').deleteMany({});
    await db
      .collection('labelled_examples')
      .insertOne({ postId: 'old-ex', text: 'Батареи холодные', kind: 'complaint', topic: 'housing.heating', action: 'confirmed', labelledBy: 'op-0', labelledAt: new Date(), modelVersion: 'm0' });
    await review.enqueue(candidate('old-item', 'Обратите внимание на двор'));
    await db.collection('review_items').updateOne({ postId: 'old-item' }, { $rename: { 'decision.topicCode': 'decision.topic' } });

    await review.onModuleInit();
    const examples = toLabelledTexts(await readCorrectionRecords(infra.mongoUri, infra.database), new UnmappedLabels());
    expect(examples.find((e) => e.id === 'old-ex')).toMatchObject({ topicCode: 'housing.heating', category: 'housing' });
    const item = await review.get('old-item');
    expect(item.decision.topicCode).toEqual(expect.any(String));
    expect(await review.resolve('old-item', { operatorId: 'op-2', kind: 'complaint' })).toMatchObject({ postId: 'old-item', topicCode: item.decision.topicCode });
  });
});
