import type { Platform } from '@otklik/contracts';
import type { Observation } from '../posts/post.model';
import type { SourceConfig } from '../sources/source.model';

/** A target inside a source skipped for a reason the platform gave. */
export interface SkipNote {
  target: string;
  code?: string | number;
  reason: string;
}

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

/** Posts ingest already holds, asked by pollers that reconcile a complete listing. */
export interface KnownPosts {
  /** External ids of live posts (not replies) of a source created in [from, to]. */
  livePosts(sourceId: string, from: Date, to: Date): Promise<string[]>;
  /** External ids of live replies in a thread (the external id of the thread's root post). */
  liveReplies(threadId: string): Promise<string[]>;
}

/** A connector's polling side. */
export interface Poller {
  readonly platform: Platform;
  /** Key of the unit a source is polled in: the source itself, or a shared bot token. */
  unitKey(source: SourceConfig): string;
  poll(context: PollContext): AsyncIterable<PollBatch>;
}
