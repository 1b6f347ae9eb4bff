import { parentPort, workerData } from 'node:worker_threads';
import type { PostReceivedV1 } from '@otklik/contracts';
import { Classifier } from '../classifier/classifier';
import { loadModel } from '../model/model-loader';
import { forHandOver, type PooledDecision } from './decision-pool';
import { decidePost } from './post-decision';

/** A batch of posts for a worker to decide. */
export interface DecisionRequest {
  readonly posts: ReadonlyArray<{ readonly id: number; readonly post: PostReceivedV1 }>;
}

/** A worker's answers, one per post, in any order. */
export interface DecisionReply {
  readonly results: ReadonlyArray<{ readonly id: number; readonly decision: PooledDecision } | { readonly id: number; readonly postId: string; readonly error: string }>;
}

if (parentPort) {
  const port = parentPort;
  const classifier = new Classifier(loadModel((workerData as { modelPath: string }).modelPath).model);
  port.on('message', (request: DecisionRequest) => {
    const results = request.posts.map(({ id, post }) => {
      try {
        return { id, decision: forHandOver(decidePost(classifier, post)) };
      } catch (error) {
        return { id, postId: post.postId, error: (error as Error).message };
      }
    });
    const reply: DecisionReply = { results };
    port.postMessage(reply);
  });
}
