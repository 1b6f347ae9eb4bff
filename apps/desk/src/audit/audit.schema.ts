import { Schema } from 'mongoose';

/** One write attempt: who, what, when, from where, and how it ended. */
export interface AuditRecord {
  at: Date;
  /** Absent when the caller could not be identified (bad credentials, anonymous Open311 post). */
  actor?: { id: string; kind: 'user' | 'token'; name: string; role: string; agencyId?: string };
  method: string;
  path: string;
  status: number;
  /** ok (2xx/3xx), denied (401/403/404 for writes), invalid (400/409/422/429), error (5xx). */
  outcome: 'ok' | 'denied' | 'invalid' | 'error';
  /** The incident the write was about, when the path names one. */
  incidentId?: string;
  ip?: string;
  userAgent?: string;
  /** Request body with secrets removed, cut to a few kilobytes. */
  body?: unknown;
  durationMs: number;
}

export const AUDIT_MODEL = 'DeskAudit';

export const AuditSchema = new Schema<AuditRecord>(
  {
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed },
    method: { type: String, required: true },
    path: { type: String, required: true },
    status: { type: Number, required: true },
    outcome: { type: String, required: true },
    incidentId: { type: String },
    ip: { type: String },
    userAgent: { type: String },
    body: { type: Schema.Types.Mixed },
    durationMs: { type: Number, required: true },
  },
  { collection: 'desk_audit', versionKey: false },
);
AuditSchema.index({ at: -1 });
AuditSchema.index({ 'actor.id': 1, at: -1 });
AuditSchema.index({ incidentId: 1, at: -1 });
