import { EventCause, TOPICS } from '@otklik/contracts';
import { Changed } from '../incidents/incident-factory';
import { inCausalOrder, incidentEvent, returnedPayload, stateEvents } from '../incidents/incident-events';
import { canTransition, transition } from '../incidents/incident-lifecycle';
import { Incident, ReturnRecord, territoryOf } from '../incidents/incident.model';
import { IncidentStore, nextVersion, withOptimisticRetry } from '../incidents/incident-store';
import { misrouteId, moveTo, toTriage } from '../incidents/rerouting';
import { attributeLoss, lostMinutes } from '../misroutes/misroute-policy';
import { MisrouteStore } from '../misroutes/misroute.model';
import { RoutingEngine } from '../routing/routing-engine';
import { Decision } from '../routing/routing.model';
import { MisroutePolicy } from '../config/policies';

/** The outcome of an agency's action: applied (with events) or ignored with the reason. */
export type FeedbackResult = { applied: true; incident: Incident; events: Changed['events'] } | { applied: false; reason: string };

interface AgencyAct {
  incidentId: string;
  agencyId: string;
  /** `agency:<user id>` or similar, for the history. */
  actor: string;
  at: Date;
}

export interface AnswerAct extends AgencyAct {
  kind: 'interim' | 'final';
}

export interface ReturnAct extends AgencyAct {
  reason: string;
  suggestedAgencyId?: string;
}

/**
 * What agencies do with an incident: acknowledge it, answer (interim or final), or return it as
 * not their competence — then it goes to the next candidate or to triage, and the misroute is
 * recorded with the lost time charged by policy. Acts of an agency that no longer holds the
 * incident, or that would repeat what already happened, are ignored (redelivery is harmless).
 */
export class AgencyFeedbackService {
  constructor(
    private readonly store: IncidentStore,
    private readonly misroutes: MisrouteStore,
    private readonly engine: () => RoutingEngine,
    private readonly policy: MisroutePolicy,
  ) {}

  acknowledge(act: AgencyAct, cause: EventCause): Promise<FeedbackResult> {
    return this.change(act, (incident) => {
      if (incident.state !== 'routed' && incident.state !== 'rerouted') return `already ${incident.state}`;
      return this.simple(incident, 'acknowledged', act, 'принято в работу', cause);
    });
  }

  answer(act: AnswerAct, cause: EventCause): Promise<FeedbackResult> {
    const to = act.kind === 'final' ? 'answered' : 'interim_answer';
    return this.change(act, (incident) => {
      if (!canTransition(incident.state, to)) return `cannot answer in state ${incident.state}`;
      return this.simple(incident, to, act, act.kind === 'final' ? 'окончательный ответ' : 'промежуточный ответ', cause);
    });
  }

  returnIncident(act: ReturnAct, cause: EventCause): Promise<FeedbackResult> {
    return withOptimisticRetry(async () => {
      const incident = await this.store.get(act.incidentId);
      const refusal = this.refusal(incident, act) ?? (incident && !canTransition(incident.state, 'returned') ? `cannot return in state ${incident.state}` : undefined);
      if (!incident || refusal) return { applied: false, reason: refusal ?? 'unknown incident' };
      const engine = this.engine();
      const decision = incident.decision;
      const routedAt = incident.routedAt ?? incident.createdAt;
      const record: ReturnRecord = {
        agencyId: act.agencyId,
        reason: act.reason,
        routedAt,
        returnedAt: act.at,
        lostMinutes: lostMinutes(routedAt, act.at),
        decision: decision ?? { method: 'triage', agencyId: act.agencyId, coExecutorIds: [], confidence: 0, explanation: '' },
      };
      const returned = transition({ ...incident, returns: [...incident.returns, record] }, 'returned', { actor: act.actor, at: act.at, reason: act.reason, agencyId: act.agencyId });
      const next = this.nextCandidate(returned.incident, act, engine);
      const ctx = { actor: 'router', at: act.at, reason: next?.explanation ?? `возврат: ${act.reason}` };
      const moved = next
        ? moveTo(returned.incident, next, ctx, engine, cause, this.policy)
        : toTriage(returned.incident, { ...ctx, reason: this.triageReason(returned.incident, engine) }, engine, cause);
      const saved = nextVersion(moved.incident);
      const charges = attributeLoss(record.lostMinutes, record.decision, act.agencyId, this.policy);
      const charged = charges.filter((c) => c.party === 'agency' && c.id === act.agencyId).reduce((sum, c) => sum + c.minutes, 0);
      // The move was built first; the return happened first.
      const events = inCausalOrder([
        incidentEvent(TOPICS.incidentReturned, incident.id, returnedPayload(saved, record, next?.agencyId, charged), cause, act.at),
        ...stateEvents(saved, [returned.change], cause),
        ...moved.events,
      ]);
      await this.store.save(saved, events);
      await this.misroutes.record({
        id: misrouteId(incident.id, act.at),
        incidentId: incident.id,
        number: incident.number,
        topicCode: incident.topicCode,
        territoryCode: territoryOf(incident),
        kind: 'return',
        agencyId: act.agencyId,
        method: record.decision.method,
        ...(record.decision.ruleId !== undefined && { ruleId: record.decision.ruleId }),
        reason: act.reason,
        routedAt,
        endedAt: act.at,
        lostMinutes: record.lostMinutes,
        charges,
        unjustified: false,
      });
      for (const u of moved.unjustified) await this.misroutes.markUnjustified(u.id, u.charges);
      return { applied: true, incident: saved, events };
    });
  }

  /** The best untried candidate, or the agency the returning one named if the directory agrees. */
  private nextCandidate(incident: Incident, act: ReturnAct, engine: RoutingEngine): Decision | undefined {
    if (incident.rerouteCount >= engine.policy.maxReroutes) return undefined;
    const tried = new Set(incident.returns.map((r) => r.agencyId));
    const territory = territoryOf(incident);
    if (act.suggestedAgencyId && !tried.has(act.suggestedAgencyId) && territory) {
      const suggested = engine.agencies.competentFor(incident.topicCode, territory).find((a) => a.id === act.suggestedAgencyId);
      const from = engine.agencies.get(act.agencyId)?.name ?? act.agencyId;
      if (suggested) {
        return {
          method: 'operator',
          agencyId: suggested.id,
          coExecutorIds: [],
          confidence: 1,
          explanation: `${from} при возврате указало ${suggested.name}; по справочнику оно ведает темой ${incident.topicCode}`,
        };
      }
    }
    return incident.candidates.find((c) => !tried.has(c.agencyId) && engine.agencies.get(c.agencyId)?.active);
  }

  private triageReason(incident: Incident, engine: RoutingEngine): string {
    if (incident.rerouteCount >= engine.policy.maxReroutes) return `переадресаций уже ${incident.rerouteCount} — решает оператор`;
    return 'ведомство вернуло обращение, других кандидатов нет';
  }

  private refusal(incident: Incident | undefined, act: AgencyAct): string | undefined {
    if (!incident) return `unknown incident ${act.incidentId}`;
    if (incident.agencyId !== act.agencyId) return `agency ${act.agencyId} does not hold incident ${incident.number} (held by ${incident.agencyId ?? 'nobody'})`;
    return undefined;
  }

  private simple(incident: Incident, to: 'acknowledged' | 'interim_answer' | 'answered', act: AgencyAct, reason: string, cause: EventCause): Changed {
    const { incident: next, change } = transition(incident, to, { actor: act.actor, at: act.at, reason, agencyId: act.agencyId });
    const saved = nextVersion(next);
    return { incident: saved, events: stateEvents(saved, [change], cause) };
  }

  /** Loads, checks the agency holds the incident, applies `decide` and saves. */
  private change(act: AgencyAct, decide: (incident: Incident) => Changed | string): Promise<FeedbackResult> {
    return withOptimisticRetry(async () => {
      const incident = await this.store.get(act.incidentId);
      const refusal = this.refusal(incident, act);
      if (!incident || refusal) return { applied: false, reason: refusal ?? 'unknown incident' };
      const outcome = decide(incident);
      if (typeof outcome === 'string') return { applied: false, reason: outcome };
      await this.store.save(outcome.incident, outcome.events);
      return { applied: true, incident: outcome.incident, events: outcome.events };
    });
  }
}
