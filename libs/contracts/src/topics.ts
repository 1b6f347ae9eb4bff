/**
 * Every Kafka topic of the pipeline: `otklik.<entity>.<event>.v<N>`. A breaking change of a
 * payload is a new version, served next to the old one while consumers move.
 */
export const TOPICS = {
  postReceived: 'otklik.post.received.v1',
  postEdited: 'otklik.post.edited.v1',
  postDeleted: 'otklik.post.deleted.v1',
  postDismissed: 'otklik.post.dismissed.v1',
  postVerdict: 'otklik.post.verdict.v1',
  incidentClassified: 'otklik.incident.classified.v1',
  classificationCorrected: 'otklik.classification.corrected.v1',
  incidentRouted: 'otklik.incident.routed.v1',
  incidentRerouted: 'otklik.incident.rerouted.v1',
  incidentReturned: 'otklik.incident.returned.v1',
  incidentSurge: 'otklik.incident.surge.v1',
  surgeEscalated: 'otklik.surge.escalated.v1',
  incidentStateChanged: 'otklik.incident.state-changed.v1',
  incidentPostAttached: 'otklik.incident.post-attached.v1',
  incidentMerged: 'otklik.incident.merged.v1',
  incidentSplit: 'otklik.incident.split.v1',
  slaArmed: 'otklik.sla.armed.v1',
  slaWarning: 'otklik.sla.warning.v1',
  slaBreached: 'otklik.sla.breached.v1',
  slaMet: 'otklik.sla.met.v1',
  slaEscalated: 'otklik.sla.escalated.v1',
  slaReopened: 'otklik.sla.reopened.v1',
  slaPaused: 'otklik.sla.paused.v1',
  slaResumed: 'otklik.sla.resumed.v1',
  incidentAcknowledged: 'otklik.incident.acknowledged.v1',
  agencyAnswered: 'otklik.agency.answered.v1',
  returnRequested: 'otklik.incident.return-requested.v1',
  operatorActionRequested: 'otklik.incident.operator-action-requested.v1',
  notificationSent: 'otklik.notification.sent.v1',
  notificationFailed: 'otklik.notification.failed.v1',
  replyPublished: 'otklik.reply.published.v1',
  answerFlagged: 'otklik.answer.flagged.v1',
} as const;

/** Logical name of a topic in the catalogue. */
export type TopicKey = keyof typeof TOPICS;
/** A topic name from the catalogue. */
export type TopicName = (typeof TOPICS)[TopicKey];

/** Dead-letter topic for messages of `topic` that could not be handled. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlt`;
}
