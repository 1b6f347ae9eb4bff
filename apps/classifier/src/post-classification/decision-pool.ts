import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { PostReceivedV1 } from '@otklik/contracts';
import type { Classification } from '../classifier/classification';
import type { Classifier } from '../classifier/classifier';
import { decidePost, type PostDecision } from './post-decision';
import type { DecisionReply, DecisionRequest } from './decision.worker';

/**
 * A decision as the pool hands it back: the full classification only when the post goes to review
 * (copying it between threads for every post would cost more than the rest of the handling).
 */
export type PooledDecision = WithOptionalClassification<PostDecision>;
type WithOptionalClassification<D> = D extends PostDecision ? Omit<D, 'classification'> & { readonly classification?: Classification } : never;

/** Keeps the classification of a decision only if the post goes to review. */
export function forHandOver(decision: PostDecision): PooledDecision {
  return decision.classification?.needsReview ? decision : ({ outcome: decision.outcome, payload: decision.payload } as PooledDecision);
}

/** Workers started when `CLASSIFIER_WORKERS` is not set: every core but the event loop's, at most 4. */
export function defaultWorkerCount(cores: number = availableParallelism()): number {
  return cores > 1 ? Math.min(4, cores - 1) : 0;
}

interface Pending {
  readonly resolve: (decision: PooledDecision) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  readonly pending: Map<number, Pending>;
}

/**
 * Decides posts on worker threads, each holding its own copy of the model, so that the model's
 * work runs beside the event loop that reads and writes Kafka. Requests made in the same tick go
 * to a worker as one message. With no workers, posts are decided on the event loop.
 */
export class DecisionPool implements OnApplicationShutdown {
  private readonly workers: PoolWorker[] = [];
  private queued: Array<{ id: number; post: PostReceivedV1 } & Pending> = [];
  private nextId = 0;
  private nextWorker = 0;
  private flushScheduled = false;
  private closed = false;

  constructor(
    private readonly local: Classifier,
    workerCount: number,
    private readonly modelPath: string,
  ) {
    for (let i = 0; i < workerCount; i++) this.workers.push(this.spawn());
  }

  get size(): number {
    return this.workers.length;
  }

  decide(post: PostReceivedV1): Promise<PooledDecision> {
    if (this.closed) return Promise.reject(new Error('decision pool is closed'));
    if (!this.workers.length) return Promise.resolve(forHandOver(decidePost(this.local, post)));
    return new Promise((resolve, reject) => {
      this.queued.push({ id: this.nextId++, post, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Stops the workers; decisions still in flight fail (their events are handled again later). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queued;
    this.queued = [];
    if (!batch.length) return;
    const target = this.workers[this.nextWorker++ % this.workers.length];
    for (const request of batch) target.pending.set(request.id, request);
    const message: DecisionRequest = { posts: batch.map(({ id, post }) => ({ id, post })) };
    target.worker.postMessage(message);
  }

  private spawn(): PoolWorker {
    // From the sources (tests, `npm start`) the worker compiles TypeScript the way the process does,
    // with @swc/core, a native addon. It is loaded in this thread too, so that it stays loaded when
    // a worker exits: loaded again after its last user unloaded it, it crashes the process.
    const fromSources = path.extname(__filename) === '.ts';
    if (fromSources) createRequire(__filename)('@swc/core');
    const worker = new Worker(path.join(__dirname, `decision.worker${path.extname(__filename)}`), {
      workerData: { modelPath: this.modelPath },
      execArgv: fromSources ? ['-r', '@swc-node/register'] : [],
    });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (reply: DecisionReply) => {
      for (const result of reply.results) {
        const pending = entry.pending.get(result.id);
        entry.pending.delete(result.id);
        if (!pending) continue;
        if ('decision' in result) pending.resolve(result.decision);
        else pending.reject(new Error(`classifying ${result.postId} failed: ${result.error}`));
      }
    });
    worker.on('error', (error) => this.replace(entry, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(entry, new Error(`classification worker exited with code ${code}`));
    });
    worker.unref();
    return entry;
  }

  /** A worker that died fails what it held and is started again. */
  private replace(entry: PoolWorker, error: Error): void {
    for (const pending of entry.pending.values()) pending.reject(error);
    entry.pending.clear();
    const at = this.workers.indexOf(entry);
    if (at < 0 || this.closed) return;
    void entry.worker.terminate();
    this.workers[at] = this.spawn();
  }
}
