import { EventCause, PostKind, Urgency } from '@otklik/contracts';
import { Changed } from '../incidents/incident-factory';
import { canTransition } from '../incidents/incident-lifecycle';
import { Incident, TERMINAL_STATES } from '../incidents/incident.model';
import { IncidentStore, nextVersion, withOptimisticRetry } from '../incidents/incident-store';
import { moveTarget, moveTo } from '../incidents/rerouting';
import { IncidentIntakeService } from '../intake/incident-intake.service';
import { RoutingEngine } from '../routing/routing-engine';
import { MisroutePolicy } from '../config/policies';

/** An operator's correction of a post's classification, as the router uses it. */
export interface Correction {
  postId: string;
  topicCode?: string;
  kind?: PostKind;
  urgency?: Urgency;
  territoryCode?: string;
  /** `false`: a dismissed post needs action after all. */
  dismissed?: boolean;
  text?: string;
  /** `operator:<user id>`. */
  actor: string;
  at: Date;
}

/** What a correction did to the incidents. */
export type CorrectionResult =
  { outcome: 'rerouted' | 'updated' | 'created' | 'linked'; incident: Incident; events: Changed['events']; surges: Changed['events'] } | { outcome: 'ignored'; reason: string };

const ACTIONABLE: readonly (PostKind | undefined)[] = ['complaint', 'question'];

/**
 * Applies operators' corrections of topic, urgency and territory to the incident of the post:
 * the incident takes the corrected facts, and when routing them anew names another agency it is
 * rerouted there (the SLA clock then follows the reroute policy). A post that was dismissed and
 * is corrected into one that needs action becomes an incident, as a classified post would.
 * Dismissing is not done here: an incident is dismissed by the operator's dismiss action.
 */
export class ClassificationCorrectionService {
  constructor(
    private readonly store: IncidentStore,
    private readonly intake: IncidentIntakeService,
    private readonly engine: () => RoutingEngine,
    private readonly policy: MisroutePolicy,
  ) {}

  async apply(correction: Correction, cause: EventCause): Promise<CorrectionResult> {
    const incident = await this.store.findByPost(correction.postId);
    if (!incident) return this.fromDismissed(correction, cause);
    return withOptimisticRetry(() => this.correct(correction, cause));
  }

  /** A post without an incident: made one when the correction says it needs action and names a topic. */
  private async fromDismissed(c: Correction, cause: EventCause): Promise<CorrectionResult> {
    const kindAllows = c.kind === undefined || ACTIONABLE.includes(c.kind);
    const needsAction = kindAllows && (c.dismissed === false || (c.dismissed === undefined && c.kind !== undefined));
    if (!needsAction) return { outcome: 'ignored', reason: `post ${c.postId} has no incident and the correction does not make it one` };
    if (!c.topicCode) return { outcome: 'ignored', reason: `post ${c.postId}: a dismissed post needs a topic to become an incident` };
    const result = await this.intake.intake(
      {
        postId: c.postId,
        topicCode: c.topicCode,
        topicConfidence: 1,
        urgency: c.urgency ?? 'normal',
        ...(c.territoryCode && { place: { territoryCode: c.territoryCode } }),
        text: c.text ?? '',
        at: c.at,
      },
      cause,
    );
    if (result.outcome === 'known') return { outcome: 'ignored', reason: `post ${c.postId} already has incident ${result.incident.number}` };
    return { outcome: result.outcome, incident: result.incident, events: result.events, surges: result.surges };
  }

  private async correct(c: Correction, cause: EventCause): Promise<CorrectionResult> {
    const found = await this.store.findByPost(c.postId);
    if (!found) return { outcome: 'ignored', reason: `post ${c.postId} has no incident` };
    if (TERMINAL_STATES.includes(found.state)) return { outcome: 'ignored', reason: `incident ${found.number} is ${found.state}` };
    const engine = this.engine();
    const territory = c.territoryCode ? engine.agencies.territories.resolve({ territoryCode: c.territoryCode }) : undefined;
    if (c.territoryCode && !territory) return { outcome: 'ignored', reason: `territoryCode: unknown territory ${c.territoryCode}` };
    const topicCode = c.topicCode ?? found.topicCode;
    const urgency = c.urgency ?? found.urgency;
    const territoryPath = territory ? [...engine.agencies.territories.pathOf(territory.code)] : found.territoryPath;
    if (topicCode === found.topicCode && urgency === found.urgency && territoryPath[0] === found.territoryPath[0]) {
      return { outcome: 'ignored', reason: `incident ${found.number} already has these facts` };
    }
    const reason = `классификация исправлена (${c.actor}): ${[c.topicCode && `тема ${c.topicCode}`, c.urgency && `срочность ${c.urgency}`, territory && `территория ${territory.name}`].filter(Boolean).join(', ')}`;
    const corrected: Incident = {
      ...found,
      topicCode,
      urgency,
      territoryPath,
      ...(territory && { place: { ...found.place, territoryCode: territory.code } }),
      history: [...found.history, { at: c.at, type: 'note', actor: c.actor, reason }],
    };
    const outcome = engine.decide({ topicCode, topicConfidence: 1, territoryCode: territoryPath[0], regionCode: found.regionCode, text: c.text ?? '', urgency, at: c.at });
    const decision = outcome.kind === 'agency' ? outcome.decision : undefined;
    if (decision && decision.agencyId !== found.agencyId && canTransition(found.state, moveTarget(found))) {
      const moved = moveTo({ ...corrected, candidates: outcome.candidates }, decision, { actor: c.actor, at: c.at, reason }, engine, cause, this.policy);
      const saved = nextVersion(moved.incident);
      await this.store.save(saved, moved.events);
      return { outcome: 'rerouted', incident: saved, events: moved.events, surges: [] };
    }
    const saved = nextVersion(corrected);
    await this.store.save(saved, []);
    return { outcome: 'updated', incident: saved, events: [], surges: [] };
  }
}
