import { AccessSkippedError, AuthFailedError, ConnectorError, MisconfiguredError, SlowDownError } from '../connectors/connector-errors';
import { IngestMetrics, NO_METRICS } from '../metrics/ingest-metrics';
import type { RecordResult } from '../posts/post.model';
import type { PostRecorderService } from '../posts/post-recorder.service';
import { recordAll } from '../posts/record-batch';
import type { PostStore } from '../posts/post.store';
import { CredentialResolver, MissingCredentialError } from '../sources/credentials';
import type { RunEnd, SourceStatusStore } from '../sources/source-status.store';
import type { SourceConfig, SourceState } from '../sources/source.model';
import type { CheckpointStore } from '../sources/checkpoint.store';
import type { Poller } from './poller';

/** What one run did. */
export interface RunSummary {
  state: SourceState;
  outcomes: Partial<Record<RecordResult['outcome'], number>>;
  skipped: number;
  error?: string;
}

/** The source status an error leaves, with a reason an operator can act on. */
export function stateForError(error: unknown): { state: SourceState; code?: string | number; reason: string } {
  if (error instanceof MissingCredentialError) return { state: 'failing', reason: error.message };
  if (error instanceof AuthFailedError) return { state: 'failing', code: error.code, reason: `credential refused: ${error.message}` };
  if (error instanceof MisconfiguredError) return { state: 'failing', code: error.code, reason: error.message };
  if (error instanceof SlowDownError) return { state: 'throttled', code: error.code, reason: error.message };
  if (error instanceof AccessSkippedError) return { state: 'skipped', code: error.code, reason: error.message };
  if (error instanceof ConnectorError) return { state: 'error', code: error.code, reason: error.message };
  return { state: 'error', reason: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error' };
}

/**
 * Runs one poll of a unit: records each batch, saves the checkpoint that came with it only after
 * its observations are recorded, and leaves every source of the unit with a status and a reason.
 */
export class PollRunnerService {
  constructor(
    private readonly deps: {
      recorder: PostRecorderService;
      posts: PostStore;
      checkpoints: CheckpointStore;
      status: SourceStatusStore;
      credentials: CredentialResolver;
      metrics?: IngestMetrics;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async run(poller: Poller, sources: SourceConfig[], signal?: AbortSignal): Promise<RunSummary> {
    const started = this.now();
    const metrics = this.deps.metrics ?? NO_METRICS;
    const ids = sources.map((s) => s.id);
    const summary: RunSummary = { state: 'ok', outcomes: {}, skipped: 0 };
    let newestPostAt: Date | undefined;
    let end: RunEnd;
    try {
      const ref = sources[0].credentialRef ?? '';
      const credential = this.deps.credentials.resolve(ref);
      const companionCredential = (suffix: string) => this.deps.credentials.resolve(`${ref}_${suffix}`);
      const key = poller.unitKey(sources[0]);
      const checkpoint = await this.deps.checkpoints.load(key);
      for await (const batch of poller.poll({ sources, credential, companionCredential, checkpoint, known: this.deps.posts, signal })) {
        const results = await recordAll(this.deps.recorder, batch.observations);
        batch.observations.forEach((observation, index) => {
          const result = results[index];
          summary.outcomes[result.outcome] = (summary.outcomes[result.outcome] ?? 0) + 1;
          if (observation.kind === 'post' && result.outcome === 'received' && (!newestPostAt || observation.draft.createdAt > newestPostAt)) {
            newestPostAt = observation.draft.createdAt;
          }
        });
        if (batch.skipped?.length) {
          summary.skipped += batch.skipped.length;
          for (const id of ids) await this.deps.status.addSkipped(id, batch.skipped, this.now());
        }
        if (batch.checkpoint) await this.deps.checkpoints.save(key, batch.checkpoint);
      }
      end = { at: this.now(), state: 'ok', newestPostAt };
    } catch (error) {
      // Stopped by the service shutting down: the status keeps what the last real run said.
      if (signal?.aborted) return { ...summary, state: 'idle' };
      const { state, code, reason } = stateForError(error);
      summary.state = state;
      summary.error = reason;
      end = { at: this.now(), state, error: { code, reason }, newestPostAt };
    }
    await this.deps.status.runFinished(ids, end);
    metrics.pollFinished(ids, summary.state, this.now().getTime() - started.getTime());
    return summary;
  }
}
