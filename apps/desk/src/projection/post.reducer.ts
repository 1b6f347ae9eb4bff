import { TOPICS } from '@otklik/contracts';
import { isoUtc, TimelineEntry } from './timeline-entry';

/** A label with its confidence, as the classifier gave it. */
export interface Scored {
  label: string;
  confidence: number;
}

/** The classifier's reading of a post and any operator's correction of it. */
export interface ClassificationView {
  kind: Scored;
  topicCode: Scored;
  urgency: Scored;
  sentiment: Scored;
  /** Runner-up topics, when the classifier gives them. */
  alternatives?: Scored[];
  modelVersion: string;
  taxonomyVersion: string;
  needsReview: boolean;
  explanation: { rules: string[]; features: string[] };
  place?: { territoryCode: string; name?: string; address?: string; geo?: { lat: number; lon: number } };
  classifiedAt: string;
  correction?: { topicCode?: string; kind?: string; urgency?: string; territoryCode?: string; correctedBy: string; correctedAt: string };
}

/** A citizen post as the desk shows it. */
export interface PostView {
  postId: string;
  platform?: string;
  externalId?: string;
  url?: string;
  text?: string;
  createdAt?: string;
  editedAt?: string;
  deletedAt?: string;
  community?: { id: string; name?: string; agencyId?: string; territoryCode?: string };
  author?: { pseudonym: string; displayName?: string };
  attachments: { type: string; url: string }[];
  geo?: { lat: number; lon: number };
  duplicateOf?: string;
  classification?: ClassificationView;
  dismissed?: {
    reason: string;
    modelVersion: string;
    at: string;
    /** An operator said the post needs action after all (a correction with `dismissed: false`). */
    undone?: { by: string; at: string; topicCode?: string };
  };
}

function applyPostEntry(post: PostView, entry: TimelineEntry): PostView {
  switch (entry.topic) {
    case TOPICS.postReceived:
    case TOPICS.postEdited: {
      const p = entry.payload;
      return {
        ...post,
        platform: p.platform,
        externalId: p.externalId,
        url: p.url,
        text: p.text,
        createdAt: isoUtc(p.createdAt),
        editedAt: p.editedAt ? isoUtc(p.editedAt) : post.editedAt,
        community: p.community,
        author: p.author,
        attachments: p.attachments,
        geo: p.geo,
        duplicateOf: p.duplicateOf ?? post.duplicateOf,
      };
    }
    case TOPICS.postDeleted:
      return { ...post, deletedAt: isoUtc(entry.payload.deletedAt) };
    case TOPICS.postDismissed:
      return { ...post, dismissed: { reason: entry.payload.reason, modelVersion: entry.payload.modelVersion, at: entry.at } };
    case TOPICS.incidentClassified: {
      const p = entry.payload;
      return {
        ...post,
        duplicateOf: p.duplicateOf ?? post.duplicateOf,
        text: post.text ?? p.text,
        classification: {
          kind: p.kind,
          topicCode: p.topicCode,
          urgency: p.urgency,
          sentiment: p.sentiment,
          alternatives: p.alternatives,
          modelVersion: p.modelVersion,
          taxonomyVersion: p.taxonomyVersion,
          needsReview: p.needsReview,
          explanation: p.explanation,
          place: p.place,
          classifiedAt: entry.at,
        },
      };
    }
    case TOPICS.classificationCorrected: {
      const { topicCode, kind, urgency, territoryCode, correctedBy, dismissed } = entry.payload;
      const marked = dismissed === false && post.dismissed ? { ...post, dismissed: { ...post.dismissed, undone: { by: correctedBy, at: entry.at, ...(topicCode && { topicCode }) } } } : post;
      if (!marked.classification) return marked;
      // Corrections add up: a later one that only fixes urgency keeps the earlier topic fix.
      const changed = Object.fromEntries(Object.entries({ topicCode, kind, urgency, territoryCode }).filter(([, value]) => value !== undefined));
      const correction = { ...marked.classification.correction, ...changed, correctedBy, correctedAt: entry.at };
      return { ...marked, classification: { ...marked.classification, correction } };
    }
    default:
      return post;
  }
}

/** A post's view folded from its events in time order (the order they arrived in does not matter). */
export function reducePost(postId: string, timeline: TimelineEntry[]): PostView {
  return timeline.reduce(applyPostEntry, { postId, attachments: [] } as PostView);
}

/** Taxonomy code of a post's topic after any correction. */
export function effectiveTopicCode(classification: ClassificationView | undefined): string | undefined {
  return classification?.correction?.topicCode ?? classification?.topicCode.label;
}
