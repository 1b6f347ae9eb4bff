import { AgencyFeedbackService } from '../agency-feedback/agency-feedback.service';
import { IncidentFactory } from '../incidents/incident-factory';
import { ClassifiedPost } from '../incidents/classified-post';
import { IncidentIntakeService } from '../intake/incident-intake.service';
import { OperatorActionsService } from '../operator-actions/operator-actions.service';
import { RoutingEngine } from '../routing/routing-engine';
import { SurgeDetector } from '../surge/surge-detector';
import { tinyEngine } from './fixtures';
import { MemoryCounterStore, MemoryIncidentStore, MemoryMisrouteStore, MemorySurgeStore } from './memory-stores';
import { DEFAULT_GROUPING_POLICY, DEFAULT_MISROUTE_POLICY, SurgePolicy } from '../config/policies';

/** The incident services wired over in-memory stores, for specs. */
export function world(engine: RoutingEngine = tinyEngine(), surgePolicy: SurgePolicy = { windowMinutes: 60, threshold: 3, regionThreshold: 10 }) {
  const store = new MemoryIncidentStore();
  const counters = new MemoryCounterStore();
  const misroutes = new MemoryMisrouteStore();
  const surges = new MemorySurgeStore(store);
  let seq = 0;
  const factory = new IncidentFactory(counters, () => `inc-${++seq}`, '40');
  const surge = new SurgeDetector(surges, () => engine.agencies.territories, surgePolicy);
  return {
    engine,
    store,
    counters,
    misroutes,
    surges,
    factory,
    intake: new IncidentIntakeService(store, factory, () => engine, DEFAULT_GROUPING_POLICY, surge),
    feedback: new AgencyFeedbackService(store, misroutes, () => engine, DEFAULT_MISROUTE_POLICY),
    operators: new OperatorActionsService(store, misroutes, factory, () => engine, DEFAULT_MISROUTE_POLICY),
  };
}

let posts = 0;

/** A classified post about snow in a Невский yard, with overrides. */
export function post(extra: Partial<ClassifiedPost> = {}): ClassifiedPost {
  return {
    postId: `post-${++posts}`,
    topicCode: 'landscaping.snow_ice',
    topicConfidence: 0.9,
    urgency: 'normal',
    place: { territoryCode: '40:nevsky', address: 'ул. Бабушкина, д. 5' },
    text: 'Двор не убран от снега',
    at: new Date('2026-01-20T10:00:00Z'),
    ...extra,
  };
}
