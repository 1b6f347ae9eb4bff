import { IsReadableTerritoryCode } from '../territory-code';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsNotEmpty, Min, ValidateNested } from 'class-validator';
import { Attachment, GeoPoint, LEGAL_REGIMES, LegalRegime, PLATFORMS, Platform } from './common';

/** The community, channel or page a post was found in. */
export class PostCommunity {
  /** Platform's own id of the community or channel. */
  @IsString()
  id: string;

  /** Display name of the community. */
  @IsOptional()
  @IsString()
  name?: string;

  /** Agency the community belongs to (official pages), if any. */
  @IsOptional()
  @IsString()
  agencyId?: string;

  /** Territory (municipality) the community belongs to, if any. */
  @IsOptional()
  @IsReadableTerritoryCode()
  territoryCode?: string;
}

/** Who wrote a post: a keyed pseudonym, never the raw platform id. */
export class PostAuthor {
  /** HMAC of the platform id; stable per author, not reversible without the key. */
  @IsString()
  pseudonym: string;

  /** Display name, only for roles allowed to see it. */
  @IsOptional()
  @IsString()
  displayName?: string;

  /** True when the community or channel itself posted (an official page), not a person. */
  @IsOptional()
  @IsBoolean()
  isCommunity?: boolean;
}

/** A normalised citizen post found by ingest. */
export class PostReceivedV1 {
  /** Otklik's id of the post (stable across edits). */
  @IsString()
  @IsNotEmpty()
  postId: string;

  /** Where it was posted. */
  @IsIn(PLATFORMS)
  platform: Platform;

  /** The platform's own id of the post (unique per platform). */
  @IsString()
  @IsNotEmpty()
  externalId: string;

  /** Otklik source (monitored community or search) that found it. */
  @IsString()
  sourceId: string;

  /** Link to the post on the platform. */
  @IsOptional()
  @IsString()
  url?: string;

  /** Community it was found in. */
  @ValidateNested()
  @Type(() => PostCommunity)
  community: PostCommunity;

  /** Pseudonymised author. */
  @ValidateNested()
  @Type(() => PostAuthor)
  author: PostAuthor;

  /** Plain text: HTML stripped, emoji kept. */
  @IsString()
  text: string;

  /** When the author posted it. */
  @IsISO8601()
  createdAt: string;

  /** Last edit time on the platform, if edited. */
  @IsOptional()
  @IsISO8601()
  editedAt?: string;

  /** External id of the post or comment this one replies to. */
  @IsOptional()
  @IsString()
  replyTo?: string;

  /** External id of the thread (wall post of a comment, discussion root). */
  @IsOptional()
  @IsString()
  threadId?: string;

  /** Photos, videos, links. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Attachment)
  attachments: Attachment[];

  /** Coordinates given by the platform. */
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPoint)
  geo?: GeoPoint;

  /** Id of the earlier post this one nearly duplicates (copy-paste, repost). */
  @IsOptional()
  @IsString()
  duplicateOf?: string;

  /** Version of the post: 1 when first found, one more on every edit, deletion or restore. */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  /** Legal regime the post is answered under, decided by ingest; absent means `social_post`. */
  @IsOptional()
  @IsIn(LEGAL_REGIMES)
  regime?: LegalRegime;
}

/** A post's text changed on the platform. */
export class PostEditedV1 extends PostReceivedV1 {}

/** A post was deleted on the platform (the incident keeps its history). */
export class PostDeletedV1 {
  /** Otklik's id of the post. */
  @IsString()
  postId: string;

  /** Platform of the post. */
  @IsIn(PLATFORMS)
  platform: Platform;

  /** The platform's own id of the post. */
  @IsString()
  externalId: string;

  /** When the deletion was seen. */
  @IsISO8601()
  deletedAt: string;

  /** Otklik source that saw the deletion. */
  @IsOptional()
  @IsString()
  sourceId?: string;

  /** Version of the post the deletion makes (see PostReceivedV1.revision). */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
