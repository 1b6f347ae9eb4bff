import { Schema } from 'mongoose';

/** A console session. The cookie holds the secret; only its hash is stored. */
export interface SessionRecord {
  sessionId: string;
  tokenHash: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Sliding end: pushed forward by activity, never past `absoluteExpiresAt`. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
  ip?: string;
  userAgent?: string;
}

export const SESSION_MODEL = 'DeskSession';

export const SessionSchema = new Schema<SessionRecord>(
  {
    sessionId: { type: String, required: true, unique: true },
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    ip: { type: String },
    userAgent: { type: String },
  },
  { collection: 'desk_sessions', versionKey: false },
);
// No TTL indexes on FerretDB: expired sessions are removed by a purge job on this field.
SessionSchema.index({ expiresAt: 1 });
SessionSchema.index({ userId: 1 });
