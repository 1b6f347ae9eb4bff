import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';

/** Channels the notifier delivers through. */
export const CHANNELS = ['email', 'telegram', 'webhook', 'vk', 'ok'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A notification reached its recipient's channel. */
export class NotificationSentV1 {
  /** The event that caused it. */
  @IsString()
  sourceEventId: string;

  /** Incident it is about, if any. */
  @IsOptional()
  @IsString()
  incidentId?: string;

  /** Recipient id (agency, user or endpoint). */
  @IsString()
  recipient: string;

  /** Channel used. */
  @IsIn(CHANNELS)
  channel: Channel;

  /** Delivery id: also the idempotency key the recipient saw. */
  @IsOptional()
  @IsString()
  deliveryId?: string;

  /** Kind of notice, e.g. `incident.routed`, `sla.breached`, `reply`. */
  @IsOptional()
  @IsString()
  kind?: string;

  /** Attempts it took. */
  @IsInt()
  @Min(1)
  attempts: number;

  /** When it was delivered. */
  @IsISO8601()
  sentAt: string;
}

/** A notification could not be delivered and will not be retried. */
export class NotificationFailedV1 {
  /** The event that caused it. */
  @IsString()
  sourceEventId: string;

  /** Incident it is about, if any. */
  @IsOptional()
  @IsString()
  incidentId?: string;

  /** Recipient id. */
  @IsString()
  recipient: string;

  /** Channel tried. */
  @IsIn(CHANNELS)
  channel: Channel;

  /** Delivery id: also the idempotency key the recipient saw. */
  @IsOptional()
  @IsString()
  deliveryId?: string;

  /** Kind of notice, e.g. `incident.routed`, `sla.breached`, `reply`. */
  @IsOptional()
  @IsString()
  kind?: string;

  /** Attempts made. */
  @IsInt()
  @Min(1)
  attempts: number;

  /** Last error. */
  @IsString()
  error: string;

  /** When it was given up. */
  @IsOptional()
  @IsISO8601()
  failedAt?: string;
}

/** An agency's answer was posted under a citizen's original post. */
export class ReplyPublishedV1 {
  /** The incident. */
  @IsString()
  incidentId: string;

  /** The answer published. */
  @IsString()
  answerId: string;

  /** The post replied to. */
  @IsString()
  postId: string;

  /** Platform it was published on. */
  @IsIn(['vk', 'ok', 'telegram'])
  platform: 'vk' | 'ok' | 'telegram';

  /** Platform's id of the reply. */
  @IsString()
  externalReplyId: string;

  /** When. */
  @IsISO8601()
  publishedAt: string;
}

/** An answer looks like a formal non-answer («отписка»). */
export class AnswerFlaggedV1 {
  /** The incident. */
  @IsString()
  incidentId: string;

  /** The answer. */
  @IsString()
  answerId: string;

  /** The agency that gave it. */
  @IsString()
  agencyId: string;

  /** Probability that it is a formal non-answer. */
  @IsInt()
  @Min(0)
  scorePercent: number;

  /** Signals found: `no-date`, `legal-references-only`, `принято к сведению`, … */
  @IsString({ each: true })
  reasons: string[];

  /** Whether reply-back waits for an operator. */
  @IsIn([true, false])
  held: boolean;
}
