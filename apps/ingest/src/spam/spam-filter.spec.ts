import { readKurskTexts, readSpbAppealTexts } from '../testing/shared-data';
import { cleanPostText } from '../normalisation/text';
import { AuthorActivitySource, SpamCheckInput, SpamFilterService } from './spam-filter.service';

class CountedActivity implements AuthorActivitySource {
  constructor(private readonly count: number) {}
  async countByAuthorSince(): Promise<number> {
    return this.count;
  }
}

function input(text: string, extra: Partial<SpamCheckInput> = {}): SpamCheckInput {
  return {
    postId: 'p1',
    text,
    authorPseudonym: 'a1',
    authorIsCommunity: false,
    createdAt: new Date('2024-05-01T09:00:00Z'),
    attachmentCount: 0,
    markedAsAd: false,
    ...extra,
  };
}

describe('SpamFilterService', () => {
  const quiet = new SpamFilterService(new CountedActivity(0));

  it('passes an ordinary complaint', async () => {
    expect(await quiet.check(input('Третий день нет горячей воды в доме 12 по ул. Мира, управляющая компания не отвечает'))).toEqual([]);
  });

  it('holds back an advertisement with the reason', async () => {
    const ad = 'Продам гараж недорого! Звоните +7 (912) 345-67-89, доставка по городу, скидки';
    expect(await quiet.check(input(ad))).toEqual(['advertising']);
  });

  it('holds back what the platform itself marked as an ad, even from a community', async () => {
    expect(await quiet.check(input('Новая акция', { markedAsAd: true, authorIsCommunity: true }))).toEqual(['platform-ad']);
  });

  it('holds back link spam', async () => {
    expect(await quiet.check(input('смотри https://a.ru/1 https://b.ru/2 https://c.ru/3'))).toContain('links');
  });

  it('holds back an empty post but not a photo without text', async () => {
    expect(await quiet.check(input('🔥🔥 !!!'))).toEqual(['empty']);
    expect(await quiet.check(input('', { attachmentCount: 1 }))).toEqual([]);
  });

  it('holds back flood from an author who posted too much in the window', async () => {
    expect(await new SpamFilterService(new CountedActivity(5)).check(input('Когда починят лифт?'))).toEqual(['flood']);
    expect(await new SpamFilterService(new CountedActivity(4)).check(input('Когда починят лифт?'))).toEqual([]);
  });

  it('lets an official page announce a sale without calling it advertising', async () => {
    expect(await quiet.check(input('Продам? Нет: закажите скидки звоните +7 912 345 67 89', { authorIsCommunity: true }))).toEqual([]);
  });

  it('holds back fewer than 1 in 200 real citizen appeals as advertising or links', async () => {
    const texts = [...(await readSpbAppealTexts(3000)), ...readKurskTexts()].map(cleanPostText);
    let held = 0;
    for (const text of texts) if ((await quiet.check(input(text))).length > 0) held += 1;
    expect(texts.length).toBeGreaterThan(4000);
    expect(held / texts.length).toBeLessThan(0.005);
  });
});
