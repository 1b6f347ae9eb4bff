import { Injectable } from '@nestjs/common';
import { createEvent, DeskActor, EventValidationError, PayloadOf, TopicName } from '@otklik/contracts';
import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { IncidentRecord } from '../projection/incident.view';
import { OutboxService } from '../outbox/outbox.service';
import { ProjectionService } from '../projection/projection.service';

/** What a decision is about: its partition key and the events it follows from. */
export interface EventSubject {
  /** The aggregate's id: incident, post or surge key. */
  key: string;
  /** Correlation of the events it continues; a new one when absent. */
  correlationId?: string;
  /** The event it answers. */
  causationId?: string;
  /** The event's id when it is derived from the fact (announced again after a crash, it is the same event). */
  eventId?: string;
}

/** The actor of an event, from whoever made the request. */
export function actorOf(principal: Principal): DeskActor {
  return { userId: principal.id, role: principal.role, ...(principal.agencyId ? { agencyId: principal.agencyId } : {}) };
}

/**
 * Turns a decision into an event: validated against its contract, stored in the outbox (so it
 * will reach the broker), and applied to desk's own read model at once, so the person who acted
 * sees it in the history without waiting for the round trip. The same event coming back from the
 * broker is recognised by its id and changes nothing.
 */
@Injectable()
export class CommandEmitter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly projection: ProjectionService,
  ) {}

  async emit<T extends TopicName>(topic: T, payload: PayloadOf<T>, incident: IncidentRecord, now = new Date()): Promise<string> {
    return this.emitAbout(topic, payload, { key: incident.incidentId, correlationId: incident.correlationId, causationId: incident.lastEventId }, now);
  }

  /** The same for a decision about something other than an incident: a post, a surge. */
  async emitAbout<T extends TopicName>(topic: T, payload: PayloadOf<T>, about: EventSubject, now = new Date()): Promise<string> {
    let envelope;
    try {
      envelope = createEvent(topic, payload, { id: about.eventId, correlationId: about.correlationId, causationId: about.causationId }, now);
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      const fields = error.issues.map((issue) => {
        const [path = 'body', ...rest] = issue.replace(/^payload\./, '').split(': ');
        return { field: path, message: rest.join(': ') || issue };
      });
      throw new DeskError('invalid', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
    }
    await this.outbox.enqueue(topic, envelope, about.key);
    await this.projection.apply(topic, envelope);
    return envelope.id;
  }
}
