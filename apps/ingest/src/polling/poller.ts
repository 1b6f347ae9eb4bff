import type { Platform } from '@otklik/contracts';
import type { Observation } from '../posts/post.model';
import type { KnownPosts } from '../posts/post.store';
import type { SkipNote, SourceConfig } from '../sources/source.model';

/**
 * What a poller yields: observations to record, then (optionally) the checkpoint that becomes true
 * once they are recorded. The runner saves a checkpoint only after recording its batch, so a crash
 * resumes from the last saved one: no gap, and the replay is absorbed by the recorder.
 */
export interface PollBatch {
  observations: Observation[];
  checkpoint?: object;
  skipped?: SkipNote[];
}

/** What one polling run works on. */
export interface PollContext {
  /** Sources served by this run: one for VK and OK, all channels of one bot for Telegram. */
  sources: SourceConfig[];
  /** The token resolved from the environment variable named by the source's credentialRef. */
  credential: string;
  /** A companion secret: the variable `<credentialRef>_<suffix>` (OK's application key and secret). */
  companionCredential(suffix: string): string;
  /** Checkpoint saved by the previous run, if any. */
  checkpoint?: object;
  /** Live posts known for a source, for detecting deletions by absence. */
  known: KnownPosts;
  /** Ends a long poll early when the service stops. */
  signal?: AbortSignal;
}

/** A connector's polling side. */
export interface Poller {
  readonly platform: Platform;
  /** Key of the unit a source is polled in: the source itself, or a shared bot token. */
  unitKey(source: SourceConfig): string;
  poll(context: PollContext): AsyncIterable<PollBatch>;
}
