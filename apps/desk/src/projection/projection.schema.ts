import { Schema } from 'mongoose';
import { IncidentRecord } from './incident.view';
import { PostView } from './post.reducer';
import { TimelineEntry } from './timeline-entry';

/**
 * The read model: incidents with their whole timeline, and the posts they are made of. Both
 * are rebuilt from events only; `version` guards each read-modify-write (no transactions).
 */
export const INCIDENT_MODEL = 'DeskIncident';
export const POST_MODEL = 'DeskPost';

const mixed = { type: Schema.Types.Mixed };

export const IncidentSchema = new Schema<IncidentRecord>(
  {
    incidentId: { type: String, required: true, unique: true },
    version: { type: Number, required: true },
    number: String,
    state: { type: String, required: true },
    correlationId: String,
    lastEventId: String,
    topicCode: String,
    categoryCode: String,
    urgency: String,
    place: mixed,
    regionCode: String,
    territoryCode: String,
    postIds: { type: [String], default: [] },
    agencyId: String,
    coExecutorIds: { type: [String], default: [] },
    routing: mixed,
    rerouteCount: Number,
    returnCount: Number,
    clocks: mixed,
    answers: mixed,
    acknowledgedAt: String,
    mergedInto: String,
    grouping: mixed,
    correctedAt: String,
    surgeAt: String,
    pendingAction: mixed,
    clarification: mixed,
    createdAt: String,
    updatedAt: String,
    summary: String,
    classification: mixed,
    geo: mixed,
    reviewNeeded: Boolean,
    open: Boolean,
    nextDueAt: String,
    dueOrder: String,
    searchTokens: { type: [String], default: [] },
    timeline: mixed,
    countedMetrics: { type: [String], default: [] },
  },
  { collection: 'desk_incidents', versionKey: false, minimize: false },
);
// The key (incidentId, postId) is the document's `_id` too: look-ups by `_id` use the index on FerretDB (ADR 0001).
IncidentSchema.add({ _id: String });
IncidentSchema.index({ postIds: 1 });
IncidentSchema.index({ agencyId: 1, open: 1, dueOrder: 1 });
IncidentSchema.index({ dueOrder: 1 });
IncidentSchema.index({ coExecutorIds: 1 });
IncidentSchema.index({ open: 1, nextDueAt: 1 });
IncidentSchema.index({ reviewNeeded: 1, updatedAt: -1 });
IncidentSchema.index({ state: 1, updatedAt: -1 });
IncidentSchema.index({ updatedAt: -1 });
IncidentSchema.index({ number: 1 });
IncidentSchema.index({ searchTokens: 1 });

/** A stored post with its own events. */
export interface PostRecord extends PostView {
  /** The post's id again: the stored document's key. */
  _id?: string;
  version: number;
  timeline: TimelineEntry[];
}

export const PostSchema = new Schema<PostRecord>(
  {
    postId: { type: String, required: true, unique: true },
    version: { type: Number, required: true },
    platform: String,
    externalId: String,
    url: String,
    text: String,
    createdAt: String,
    editedAt: String,
    deletedAt: String,
    community: mixed,
    author: mixed,
    attachments: mixed,
    geo: mixed,
    duplicateOf: String,
    classification: mixed,
    dismissed: mixed,
    timeline: mixed,
  },
  { collection: 'desk_posts', versionKey: false, minimize: false },
);
PostSchema.add({ _id: String });
PostSchema.index({ platform: 1, externalId: 1 });
PostSchema.index({ 'dismissed.at': -1 });
