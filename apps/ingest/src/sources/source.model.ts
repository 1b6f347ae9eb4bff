import type { Platform } from '@otklik/contracts';

/** What a source watches: a community wall or channel, a keyword search, or generic intake. */
export const SOURCE_KINDS = ['community', 'search', 'intake'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** One thing Otklik watches, as operators configure it. */
export interface SourceConfig {
  /** Operator-chosen id, e.g. `vk-admin-kursk`. */
  id: string;
  platform: Platform;
  kind: SourceKind;
  /** VK community id (digits), OK group id, Telegram channel chat id (-100…) or @username. */
  communityId?: string;
  /** Telegram: the chat id of the channel's linked discussion group (comments). */
  discussionGroupId?: string;
  name?: string;
  /** Agency the community belongs to (official pages). */
  agencyId?: string;
  /** Municipality (territory code) the community or search covers. */
  territoryCode?: string;
  pollIntervalSec: number;
  /** Keyword queries (VK newsfeed.search). */
  queries: string[];
  /** Name of the environment variable holding the token; the secret itself is never stored. */
  credentialRef?: string;
  /** VK Callback API: the confirmation string VK expects back. */
  callbackConfirmation?: string;
  /** Environment variable holding the VK Callback secret or the Telegram webhook secret token. */
  callbackSecretRef?: string;
  enabled: boolean;
}

/** Health of a source as the status API and metrics show it. */
export const SOURCE_STATES = ['idle', 'ok', 'throttled', 'failing', 'skipped', 'error'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** A target skipped for a reason the platform gave (access denied, deleted, private). */
export interface SkippedTarget {
  target: string;
  code?: string | number;
  reason: string;
  at: Date;
}

/** Counters of one source since it was created. */
export interface SourceCounters {
  received: number;
  edited: number;
  deleted: number;
  filtered: number;
  duplicates: number;
}

/** The observed health of one source. */
export interface SourceStatus {
  sourceId: string;
  state: SourceState;
  lastRunAt?: Date;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: { code?: string | number; reason: string };
  /** Creation time of the newest post the source has delivered. */
  newestPostAt?: Date;
  /** Up to the last 20 skipped targets. */
  skipped: SkippedTarget[];
  counters: SourceCounters;
}

/** Lag of a source: how long since it last delivered a complete, successful run. */
export function sourceLagSeconds(status: Pick<SourceStatus, 'lastSuccessAt'>, now: Date): number | undefined {
  return status.lastSuccessAt ? Math.max(0, Math.round((now.getTime() - status.lastSuccessAt.getTime()) / 1000)) : undefined;
}

/** A target inside a source skipped for a reason the platform gave. */
export interface SkipNote {
  target: string;
  code?: string | number;
  reason: string;
}
