import { LegalRegime, Urgency } from '@otklik/contracts';
import { Incident, IncidentPlace, OutgoingEvent } from './incident.model';

/** A classified post that needs action, as intake sees it. */
export interface ClassifiedPost {
  postId: string;
  /** The post ingest found this one to nearly duplicate. */
  duplicateOf?: string;
  topicCode: string;
  topicConfidence: number;
  urgency: Urgency;
  /** Legal regime of the post; a post joining an open incident leaves the incident's (its first post's) as it is. */
  regime?: LegalRegime;
  place?: IncidentPlace;
  text: string;
  at: Date;
}

export interface IntakeResult {
  incident: Incident;
  /** `created`: a new incident; `linked`: joined an open one; `known`: the post was handled before. */
  outcome: 'created' | 'linked' | 'known';
  /** Events saved in the incident's outbox, to publish. */
  events: OutgoingEvent[];
  /** Surge announcements claimed (kept in the surge store until published). */
  surges: OutgoingEvent[];
}
