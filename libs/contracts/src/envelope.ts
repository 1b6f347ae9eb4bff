import 'reflect-metadata';
import { IsDefined, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Min } from 'class-validator';
import { UUID_V7_PATTERN } from './uuidv7';

/**
 * The one envelope every Otklik event travels in. The payload's own class is chosen by `type`
 * and `schemaVersion` through the event catalogue.
 */
export class EventEnvelope<P extends object = object> {
  /** Unique event id (UUIDv7, time-ordered); consumers deduplicate on it. */
  @Matches(UUID_V7_PATTERN, { message: 'id must be a UUIDv7' })
  id: string;

  /** Event type, e.g. `post.received`. */
  @IsString()
  @IsNotEmpty()
  type: string;

  /** Version of the payload schema; a breaking change is a new version on a new topic. */
  @IsInt()
  @Min(1)
  schemaVersion: number;

  /** When the fact happened (ISO 8601, UTC). */
  @IsISO8601({ strict: true })
  occurredAt: string;

  /** The service that produced the event, e.g. `ingest`. */
  @IsString()
  @IsNotEmpty()
  producedBy: string;

  /** Id shared by every event that stems from one original cause (usually the first post). */
  @IsString()
  @IsNotEmpty()
  correlationId: string;

  /** Id of the event that directly caused this one; absent for an event from outside. */
  @IsOptional()
  @IsString()
  causationId?: string;

  /** The event's own data, validated against its catalogue class. */
  @IsDefined()
  @IsObject()
  payload: P;
}
