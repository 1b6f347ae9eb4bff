import { Classifier } from '../classifier/classifier';
import { defaultModelPath, loadModel } from '../model/model-loader';
import { DecisionPool, defaultWorkerCount, forHandOver } from './decision-pool';
import { decidePost } from './post-decision';
import { samplePost } from '../testing/post-fixture';

const classifier = new Classifier(loadModel().model);
const posts = [
  samplePost('p1', 'Третий день нет отопления, батареи холодные, Невский район'),
  samplePost('p2', 'Спасибо за быструю уборку двора!'),
  samplePost('p3', 'На остановке сорвана табличка с расписанием автобуса'),
];

describe('DecisionPool', () => {
  it('decides on a worker thread exactly as on the event loop, many posts at once', async () => {
    const pool = new DecisionPool(classifier, 2, defaultModelPath());
    try {
      const decided = await Promise.all(posts.map((post) => pool.decide(post)));

      expect(JSON.parse(JSON.stringify(decided))).toEqual(JSON.parse(JSON.stringify(posts.map((post) => forHandOver(decidePost(classifier, post))))));
    } finally {
      await pool.close();
    }
  });

  it('starts workers again after others stopped (a restarted service, a replaced worker)', async () => {
    for (let round = 0; round < 2; round++) {
      const pool = new DecisionPool(classifier, 1, defaultModelPath());
      expect((await pool.decide(posts[2])).outcome).toBe('classified');
      await pool.close();
    }
  });

  it('hands over the full classification only for a post that goes to review', () => {
    const decision = decidePost(classifier, posts[0]);
    const doubtful = { ...decision, classification: { ...decision.classification!, needsReview: true } };
    const sure = { ...decision, classification: { ...decision.classification!, needsReview: false } };

    expect(forHandOver(doubtful).classification).toBeDefined();
    expect(forHandOver(sure)).toEqual({ outcome: decision.outcome, payload: decision.payload });
  });

  it('decides on the event loop when it has no workers, and refuses work once closed', async () => {
    const pool = new DecisionPool(classifier, 0, defaultModelPath());

    expect((await pool.decide(posts[0])).outcome).toBe('classified');
    await pool.close();
    await expect(pool.decide(posts[0])).rejects.toThrow('closed');
  });

  it('keeps one core for the event loop by default, and runs on it alone on one core', () => {
    expect(defaultWorkerCount(1)).toBe(0);
    expect(defaultWorkerCount(2)).toBe(1);
    expect(defaultWorkerCount(16)).toBe(4);
  });
});
