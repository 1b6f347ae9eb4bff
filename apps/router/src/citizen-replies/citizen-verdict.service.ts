import { EventCause, PostThreadRef, Verdict } from '@otklik/contracts';
import { stateEvents } from '../incidents/incident-events';
import { transition } from '../incidents/incident-lifecycle';
import { Incident, OutgoingEvent } from '../incidents/incident.model';
import { nextVersion, withOptimisticRetry, IncidentStore } from '../incidents/incident-store';
import { ReplyThreadsService } from './reply-threads.service';

/** A citizen's reply recognised as a verdict (see the classifier's verdict rules). */
export interface CitizenVerdict {
  postId: string;
  origin: PostThreadRef;
  verdict: Verdict;
  confidence: number;
  text: string;
  /** When the citizen wrote it. */
  postedAt: Date;
  /** When the verdict was recognised: the time of the state change. */
  at: Date;
}

/** Below this the recognition is too unsure to close or reopen anything. */
export const MIN_VERDICT_CONFIDENCE = 0.6;

const QUOTE_CHARS = 200;

export type VerdictResult = { applied: true; incident: Incident; events: OutgoingEvent[] } | { applied: false; reason: string };

/**
 * The citizen's verdict on the final answer: a confirmation closes the incident, a dispute gives it
 * back to the agency (its clock reopens on the `citizen_disputed` change). Only the citizen who
 * wrote one of the incident's posts gives it, only after the answer and while the incident is
 * answered — a closed incident stays closed; a second delivery finds the change made and is ignored.
 */
export class CitizenVerdictService {
  constructor(
    private readonly store: IncidentStore,
    private readonly threads: ReplyThreadsService,
  ) {}

  apply(verdict: CitizenVerdict, cause: EventCause): Promise<VerdictResult> {
    return withOptimisticRetry(async () => {
      const incident = await this.threads.incidentOf(verdict.origin);
      const refusal = await this.refusal(incident, verdict);
      if (!incident || refusal) return { applied: false, reason: refusal ?? 'no incident' };
      const quote = verdict.text.length > QUOTE_CHARS ? `${verdict.text.slice(0, QUOTE_CHARS)}…` : verdict.text;
      const confirmed = verdict.verdict === 'confirmed';
      const { incident: next, change } = transition(incident, confirmed ? 'closed' : 'acknowledged', {
        actor: `citizen:${verdict.origin.authorPseudonym}`,
        at: verdict.at,
        agencyId: incident.agencyId,
        reason: `${confirmed ? 'гражданин подтвердил решение' : 'гражданин оспорил ответ'}: «${quote}»`,
        reasonCode: confirmed ? 'citizen_confirmed' : 'citizen_disputed',
      });
      const saved = nextVersion(next);
      const events = stateEvents(saved, [change], cause);
      await this.store.save(saved, events);
      return { applied: true, incident: saved, events };
    });
  }

  private async refusal(incident: Incident | undefined, verdict: CitizenVerdict): Promise<string | undefined> {
    if (!incident) return `no incident has ${verdict.origin.platform} post ${verdict.origin.replyTo ?? verdict.origin.threadId} in its thread`;
    if (incident.state !== 'answered') return `incident ${incident.number} is ${incident.state}, not answered`;
    if (incident.answeredAt && verdict.postedAt < incident.answeredAt) return `written before the answer of ${incident.answeredAt.toISOString()}`;
    if (verdict.confidence < MIN_VERDICT_CONFIDENCE) return `recognised with confidence ${verdict.confidence} < ${MIN_VERDICT_CONFIDENCE}`;
    const authors = await this.threads.authorsOf(incident.id);
    if (!authors.includes(verdict.origin.authorPseudonym)) return `the reply's author wrote none of incident ${incident.number}'s posts`;
    return undefined;
  }
}
