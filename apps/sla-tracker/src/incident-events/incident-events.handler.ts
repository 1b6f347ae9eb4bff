import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  AgencyAnsweredV1,
  AnswerFlaggedV1,
  causedBy,
  DEFAULT_LEGAL_REGIME,
  EventEnvelope,
  IncidentAcknowledgedV1,
  IncidentReroutedV2,
  IncidentReturnedV2,
  IncidentRoutedV2,
  IncidentStateChangedV1,
  TOPICS,
} from '@otklik/contracts';
import { observePostToTimed } from '@otklik/observability';
import { ClockEngineService } from '../engine/clock-engine.service';
import { ClockInput } from '../clock/clock.types';
import { KpiService } from '../kpi/kpi.service';
import { slaMetrics } from '../metrics/sla.metrics';

const at = (iso: string) => Date.parse(iso);

/**
 * Feeds incident and agency events to the clocks. Thin: each event becomes one clock input;
 * the engine's guarded writes make a redelivered event a no-op.
 */
@Controller()
export class IncidentEventsHandler {
  constructor(
    private readonly clocks: ClockEngineService,
    private readonly kpi: KpiService,
  ) {}

  @EventPattern(TOPICS.incidentRouted)
  async onRouted(@Payload() event: EventEnvelope<IncidentRoutedV2>): Promise<void> {
    const p = event.payload;
    if (p.agency) await this.clocks.learnAgencyHours(p.agencyId, p.agency);
    await this.apply(event, p.incidentId, routedInput(p));
    observePostToTimed(event.correlationId);
  }

  /** A re-route carries everything a routing does: a clock not seen before is armed from it. */
  @EventPattern(TOPICS.incidentRerouted)
  async onRerouted(@Payload() event: EventEnvelope<IncidentReroutedV2>): Promise<void> {
    const p = event.payload;
    if (p.agency) await this.clocks.learnAgencyHours(p.agencyId, p.agency);
    await this.apply(event, p.incidentId, routedInput(p));
    // Counted against the agency the incident was taken from.
    await this.kpi.record({ _id: event.id, kind: 'rerouted', incidentId: p.incidentId, agencyId: p.previousAgencyId, topicCode: p.topicCode, at: new Date(p.routedAt) });
  }

  @EventPattern(TOPICS.incidentReturned)
  async onReturned(@Payload() event: EventEnvelope<IncidentReturnedV2>): Promise<void> {
    const p = event.payload;
    await this.apply(event, p.incidentId, { kind: 'returned', at: at(p.returnedAt) });
    await this.kpi.record({ _id: event.id, kind: 'returned', incidentId: p.incidentId, agencyId: p.agencyId, topicCode: p.topicCode, at: new Date(p.returnedAt) });
  }

  @EventPattern(TOPICS.incidentStateChanged)
  async onStateChanged(@Payload() event: EventEnvelope<IncidentStateChangedV1>): Promise<void> {
    await this.apply(event, event.payload.incidentId, stateChangedInput(event.payload));
  }

  /** Taking an incident is not an answer: the clock runs on; it is counted. */
  @EventPattern(TOPICS.incidentAcknowledged)
  onAcknowledged(@Payload() event: EventEnvelope<IncidentAcknowledgedV1>): void {
    slaMetrics.acknowledged.inc({ agency: event.payload.agencyId });
  }

  @EventPattern(TOPICS.agencyAnswered)
  async onAnswered(@Payload() event: EventEnvelope<AgencyAnsweredV1>): Promise<void> {
    const p = event.payload;
    await this.apply(event, p.incidentId, {
      kind: 'answered',
      at: at(p.answeredAt),
      answerId: p.answerId,
      answerKind: p.kind,
      promisedBy: p.promisedBy,
    });
  }

  @EventPattern(TOPICS.answerFlagged)
  async onFlagged(@Payload() event: EventEnvelope<AnswerFlaggedV1>): Promise<void> {
    const p = event.payload;
    await this.apply(event, p.incidentId, {
      kind: 'answer-flagged',
      at: at(event.occurredAt),
      answerId: p.answerId,
      scorePercent: p.scorePercent,
      reasons: p.reasons,
    });
  }

  private async apply(event: EventEnvelope, incidentId: string, input: ClockInput): Promise<void> {
    await this.clocks.apply(incidentId, input, causedBy(event));
  }
}

/** The reason code, never the free text, decides a pause: people's wording must not stop a clock. */
export function stateChangedInput(p: IncidentStateChangedV1): ClockInput {
  return { kind: 'state-changed', at: at(p.changedAt), to: p.to, ...(p.reasonCode !== undefined && { reasonCode: p.reasonCode }) };
}

/** An event from before regimes were carried names none: those were all social-network posts. */
export function routedInput(p: IncidentRoutedV2): ClockInput {
  return {
    kind: 'routed',
    at: at(p.routedAt),
    agencyId: p.agencyId,
    topicCode: p.topicCode,
    urgency: p.urgency,
    regime: p.regime ?? DEFAULT_LEGAL_REGIME,
    regionCode: p.regionCode,
  };
}
