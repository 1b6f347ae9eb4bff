import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IncidentClassifiedV2, PostDismissedV1, type PostReceivedV1 } from '@otklik/contracts';
import { Classifier } from '../classifier/classifier';
import { loadModel } from '../model/model-loader';
import { decidePost } from './post-decision';
import { samplePost } from '../testing/post-fixture';

const classifier = new Classifier(loadModel().model);
const post = (text: string, extra: Partial<PostReceivedV1> = {}) => samplePost('p1', text, { community: { id: 'c1', territoryCode: '38701000' }, ...extra });

describe('decidePost', () => {
  it('turns a complaint into a valid incident-classified payload', () => {
    const decision = decidePost(classifier, post('Не вывозят мусор с контейнерной площадки на ул. Союзная, 71', { revision: 3, duplicateOf: 'p0' }));
    expect(decision.outcome).toBe('classified');
    const payload = decision.payload as IncidentClassifiedV2;
    expect(validateSync(plainToInstance(IncidentClassifiedV2, payload))).toEqual([]);
    expect(payload).toMatchObject({ postId: 'p1', duplicateOf: 'p0', revision: 3, category: { label: 'waste' }, place: { territoryCode: '38701000', address: 'улица Союзная, 71' } });
    expect(payload.explanation.features[0]).toMatch(/\(\+\d+\.\d{2}\)$/);
  });

  it("carries the post's legal regime onto the incident, and names none when the post names none", () => {
    const text = 'Не вывозят мусор с контейнерной площадки на ул. Союзная, 71';
    const appeal = decidePost(classifier, post(text, { regime: 'appeal_59fz' })).payload as IncidentClassifiedV2;
    const legacy = decidePost(classifier, post(text)).payload as IncidentClassifiedV2;
    expect(appeal.regime).toBe('appeal_59fz');
    expect(validateSync(plainToInstance(IncidentClassifiedV2, appeal))).toEqual([]);
    expect(legacy.regime).toBeUndefined();
  });

  it('dismisses gratitude with the catalogue reason code', () => {
    const decision = decidePost(classifier, post('Благодарю коммунальщиков, всё убрали!'));
    expect(decision.outcome).toBe('dismissed');
    expect(validateSync(plainToInstance(PostDismissedV1, decision.payload))).toEqual([]);
    expect(decision.payload).toMatchObject({ reason: 'kind:thanks', kind: { label: 'thanks' }, needsReview: false });
  });

  it("dismisses the community's own posts", () => {
    const decision = decidePost(classifier, post('Уважаемые жители! Завтра отключение воды.', { author: { pseudonym: 'page', isCommunity: true } }));
    expect(decision).toMatchObject({ outcome: 'dismissed', payload: { reason: 'author:community' } });
  });

  it('falls back to the community territory when the text names none', () => {
    const decision = decidePost(classifier, post('Не горит фонарь у подъезда'));
    expect((decision.payload as IncidentClassifiedV2).place).toMatchObject({ territoryCode: '38701000' });
  });
});
