import type { Platform } from '@otklik/contracts';
import type { SourceConfig } from './source.model';

/** Finds the source a pushed update belongs to. */
export interface SourceDirectory {
  /** The enabled source of `platform` watching `communityId` (or its discussion group). */
  byCommunity(platform: Platform, communityId: string): Promise<SourceConfig | undefined>;
  byId(sourceId: string): Promise<SourceConfig | undefined>;
  /** Enabled sources of `platform` that use the credential `credentialRef` (one Telegram bot). */
  byCredential(platform: Platform, credentialRef: string): Promise<SourceConfig[]>;
}
