import { Schema } from 'mongoose';

/** `open` waits for the centre; `escalated` waited too long and went to the supervisors; `acknowledged` someone took it. */
export const SURGE_STATUSES = ['open', 'escalated', 'acknowledged'] as const;
export type SurgeStatus = (typeof SURGE_STATUSES)[number];

/** Who acknowledged a surge and when. */
export interface SurgeAcknowledgement {
  userId: string;
  name: string;
  role: string;
  at: Date;
  note?: string;
}

/** A surge in the management centre's queue: the router's announcement and what the centre did about it. */
export interface SurgeRecord {
  /** Id of the `incident.surge` event that announced it. */
  surgeId: string;
  /** `<territory>|<topicCode>`: the key its events travel under. */
  key: string;
  correlationId: string;
  territoryCode: string;
  territoryName?: string;
  topicCode: string;
  incidentIds: string[];
  windowMinutes: number;
  threshold?: number;
  detectedAt: Date;
  /** Detected plus DESK_SURGE_ACKNOWLEDGE_MINUTES: unacknowledged then, it escalates. */
  acknowledgeBy: Date;
  status: SurgeStatus;
  acknowledged?: SurgeAcknowledgement;
  escalatedAt?: Date;
  /** The `surge.escalated` event desk published. */
  escalationEventId?: string;
}

export const SURGE_MODEL = 'DeskSurge';

export const SurgeSchema = new Schema<SurgeRecord>(
  {
    surgeId: { type: String, required: true, unique: true },
    key: { type: String, required: true },
    correlationId: { type: String, required: true },
    territoryCode: { type: String, required: true },
    territoryName: String,
    topicCode: { type: String, required: true },
    incidentIds: { type: [String], default: [] },
    windowMinutes: { type: Number, required: true },
    threshold: Number,
    detectedAt: { type: Date, required: true },
    acknowledgeBy: { type: Date, required: true },
    status: { type: String, required: true, enum: SURGE_STATUSES },
    acknowledged: { type: new Schema({ userId: String, name: String, role: String, at: Date, note: String }, { _id: false }) },
    escalatedAt: Date,
    escalationEventId: String,
  },
  { collection: 'desk_surges', versionKey: false },
);
// The escalation timer's query and the queue's.
SurgeSchema.index({ status: 1, acknowledgeBy: 1 });
SurgeSchema.index({ detectedAt: -1 });
