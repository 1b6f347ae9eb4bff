import type { LegalRegime, Platform, PostReceivedV1 } from '@otklik/contracts';
import type { OutboxEntry } from './outbox.model';

/** The community a source watches, with the agency or municipality it belongs to. */
export interface CommunityRef {
  id: string;
  name?: string;
  agencyId?: string;
  territoryCode?: string;
}

/** An attachment as a connector sees it; `key` is stable while `url` may be re-signed per fetch. */
export interface AttachmentDraft {
  type: string;
  url: string;
  key: string;
}

/** The raw author: the platform id never leaves the recorder un-hashed. */
export interface AuthorDraft {
  platformId: string;
  displayName?: string;
  isCommunity: boolean;
}

/** A post or comment as one connector read it, before normalisation. */
export interface PostDraft {
  platform: Platform;
  externalId: string;
  sourceId: string;
  url?: string;
  community: CommunityRef;
  author: AuthorDraft;
  /** Text as the platform gave it; HTML and VK mention markup are cleaned by the recorder. */
  text: string;
  createdAt: Date;
  editedAt?: Date;
  replyTo?: string;
  threadId?: string;
  attachments: AttachmentDraft[];
  geo?: { lat: number; lon: number };
  /** The platform itself labelled the post as an advertisement. */
  markedAsAd?: boolean;
  /** Legal regime the tool that handed the post in named; connectors leave it out (`social_post`). */
  regime?: LegalRegime;
  /** The payload exactly as received, kept for the retention period. */
  raw: unknown;
}

/** A deletion seen on a platform. */
export interface DeletionDraft {
  platform: Platform;
  externalId: string;
  sourceId: string;
  deletedAt: Date;
  raw?: unknown;
}

/** What a connector observed: a post (new, edited or restored) or a deletion. */
export type Observation = { kind: 'post'; draft: PostDraft } | { kind: 'deleted'; deletion: DeletionDraft };

/** A post as ingest keeps it: the latest normalised form plus what exactly-once needs. */
export interface StoredPost {
  postId: string;
  platform: Platform;
  externalId: string;
  sourceId: string;
  /** 1 for the first version; every emitted change adds one. */
  revision: number;
  /** Hash of what downstream cares about (text, stable attachment keys, geo, reply link). */
  contentHash: string;
  post: PostReceivedV1;
  authorPseudonym: string;
  /** MinHash signature of the text, absent for texts too short to compare. */
  signature?: string;
  /** `band:values` keys that index the signature for candidate look-up. */
  signatureBands: string[];
  /** Why the spam filter held the post back; empty when it passed. */
  filterReasons: string[];
  /** Whether post.received was published (filtered posts are kept but not published). */
  emitted: boolean;
  /** Event id of the post.received event; later events of the post carry it as correlation id. */
  receivedEventId?: string;
  /** Events recorded with this revision and not yet published (the outbox, see OutboxEntry). */
  pendingEvents: OutboxEntry[];
  duplicateOf?: string;
  /** An operator released the post from the spam filter. */
  release?: PostRelease;
  isReply: boolean;
  createdAt: Date;
  firstSeenAt: Date;
  updatedAt: Date;
  deletedAt?: Date;
  /** When retention erased the text, author and media (see PostErasureJob); a later change unsets it. */
  erasedAt?: Date;
}

/** Who let a held-back post through, when, and what had held it. */
export interface PostRelease {
  /** User id of the operator (the caller's token subject). */
  by: string;
  at: Date;
  /** The filter reasons the post had. */
  reasons: string[];
}

/** What recording one observation did. */
export type RecordOutcome = 'received' | 'edited' | 'restored' | 'deleted' | 'unchanged' | 'filtered' | 'unknown-deletion';

/** The result of recording one observation. */
export interface RecordResult {
  outcome: RecordOutcome;
  postId?: string;
  duplicateOf?: string;
  filterReasons?: string[];
}
