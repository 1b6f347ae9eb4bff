import { ClassificationCorrectedV2, TOPICS } from '@otklik/contracts';
import { EventPublisher, EventTap } from '@otklik/messaging';
import { IsolatedInfra, isolateInfra, startTestService, TestService } from '@otklik/testing';
import { AppModule } from '../app.module';
import { classifiedPost as classified, payloadOf, withPost } from '../testing/tapped-events';

/** desk → router: an operator's correction of a post's classification, on the real broker and database. */
describe('classification corrections reaching the router', () => {
  let infra: IsolatedInfra;
  let service: TestService;
  let tap: EventTap;
  let publisher: EventPublisher;

  beforeAll(async () => {
    infra = isolateInfra('router-corrections');
    service = await startTestService('router', AppModule);
    tap = await service.tap([TOPICS.incidentRouted, TOPICS.incidentRerouted]);
    publisher = service.app.get(EventPublisher);
  });

  afterAll(async () => {
    await service?.close();
    await infra?.cleanup();
  });

  it('reroutes the incident when a corrected topic makes another agency responsible', async () => {
    await publisher.publish(TOPICS.incidentClassified, classified('cor-1', 'housing.heating', '40:nevsky', 'ул. Седова, 10'), { key: 'cor-1' });
    const routed = payloadOf<{ incidentId: string; agencyId: string }>(await tap.waitFor(TOPICS.incidentRouted, withPost('cor-1')));
    expect(routed.agencyId).toBe('spb-zha-nevsky');
    const correction: ClassificationCorrectedV2 = { postId: 'cor-1', incidentId: routed.incidentId, topicCode: 'roads.surface', correctedBy: 'op-1' };
    await publisher.publish(TOPICS.classificationCorrected, correction, { key: routed.incidentId });
    const rerouted = payloadOf<{ agencyId: string; previousAgencyId: string; topicCode: string; rerouteCount: number }>(await tap.waitFor(TOPICS.incidentRerouted, withPost('cor-1')));
    expect(rerouted).toMatchObject({ previousAgencyId: 'spb-zha-nevsky', topicCode: 'roads.surface', rerouteCount: 1 });
    expect(rerouted.agencyId).not.toBe('spb-zha-nevsky');
  });

  it('makes a wrongly dismissed post an incident', async () => {
    const correction: ClassificationCorrectedV2 = {
      postId: 'cor-2',
      dismissed: false,
      topicCode: 'housing.heating',
      territoryCode: '40:nevsky',
      correctedBy: 'op-1',
      text: 'Спасибо, но батареи так и не греют',
    };
    await publisher.publish(TOPICS.classificationCorrected, correction, { key: 'cor-2' });
    const routed = payloadOf<{ agencyId: string; topicCode: string; postIds: string[] }>(await tap.waitFor(TOPICS.incidentRouted, withPost('cor-2')));
    expect(routed).toMatchObject({ agencyId: 'spb-zha-nevsky', topicCode: 'housing.heating', postIds: ['cor-2'] });
  });
});
