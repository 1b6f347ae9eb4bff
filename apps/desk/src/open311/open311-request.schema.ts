import type { LegalRegime } from '@otklik/contracts';
import { Schema } from 'mongoose';

/**
 * A service request posted through Open311, kept until ingest has taken it as a post. It holds
 * no personal data beyond what is forwarded: e-mail, phone and names are not stored here.
 */
export interface Open311RequestRecord {
  token: string;
  serviceCode: string;
  description: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  mediaUrl?: string;
  attributes: Record<string, string>;
  /** Legal regime the submitting system named (Otklik's extension); absent: ingest's default. */
  regime?: LegalRegime;
  /** A follow-up (the citizen's word after the answer): external id of the post of the request it follows. */
  followsUp?: string;
  /** Author id handed to ingest, which pseudonymises it. */
  authorId: string;
  authorName?: string;
  accountId?: string;
  /** The API token that posted it. */
  submittedBy: string;
  createdAt: Date;
  status: 'pending' | 'forwarded' | 'rejected';
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  forwardedAt?: Date;
}

export const OPEN311_REQUEST_MODEL = 'DeskOpen311Request';

export const Open311RequestSchema = new Schema<Open311RequestRecord>(
  {
    token: { type: String, required: true, unique: true },
    serviceCode: { type: String, required: true },
    description: { type: String, required: true },
    lat: Number,
    long: Number,
    addressString: String,
    addressId: String,
    mediaUrl: String,
    regime: String,
    attributes: { type: Schema.Types.Mixed, default: {} },
    followsUp: String,
    authorId: { type: String, required: true },
    authorName: String,
    accountId: String,
    submittedBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    lastError: String,
    forwardedAt: Date,
  },
  { collection: 'desk_open311_requests', versionKey: false },
);
Open311RequestSchema.index({ status: 1, nextAttemptAt: 1 });
