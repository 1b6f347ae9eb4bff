import { recogniseVerdict } from './verdict.rules';

const read = (text: string, hasPhoto = false) => recogniseVerdict({ text, hasPhoto });

describe("a citizen's verdict on an answer", () => {
  it.each([
    'Спасибо, сделали!',
    'Починили, спасибо',
    'Всё убрали, благодарю',
    'Вывезли мусор сегодня утром. Спасибо большое!',
    'Свет дали, всё работает',
    'Проблема решена, спасибо',
    'Яму заасфальтировали',
    'Отопление включили, теперь тепло',
    'Спасибо, снова можно гулять с ребёнком',
  ])('reads «%s» as a confirmation', (text) => {
    expect(read(text)?.verdict).toBe('confirmed');
  });

  it.each([
    'Ничего не сделано',
    'До сих пор не убрали',
    'Ничего не сделали, мусор лежит',
    'Спасибо, но ничего не сделали',
    'Не спасибо. Яма как была, так и есть',
    'Спасибо за отписку',
    'Это неправда, никто не приходил',
    'Так и не починили',
    'Снег по-прежнему лежит во дворе',
    'Всё так же, лампа не горит',
    'Убрали только наполовину',
    'Сделали не до конца, спасибо',
    'Спасибо, но мусор опять навалили',
    'Опять то же самое',
  ])('reads «%s» as a dispute', (text) => {
    expect(read(text)?.verdict).toBe('disputed');
  });

  it('reads a new photo of the problem without a word of the work done as a dispute', () => {
    expect(read('Вот, полюбуйтесь', true)).toMatchObject({ verdict: 'disputed', signals: ['dispute:photo'] });
    expect(read('', true)).toMatchObject({ verdict: 'disputed', signals: ['dispute:photo'] });
  });

  it('reads a photo of the work done, with thanks, as a confirmation', () => {
    expect(read('Сделали, спасибо! Фото прилагаю', true)).toMatchObject({ verdict: 'confirmed', signals: ['confirm:done', 'confirm:thanks'] });
  });

  it('names the negation that turned thanks into a dispute', () => {
    expect(read('не спасибо')?.signals).toContain('dispute:negated-thanks');
    expect(read('Спасибо, но ничего не сделали')?.signals).toEqual(['dispute:not-done']);
  });

  it('is surer when the work and the thanks are both named than on bare thanks', () => {
    const both = read('Спасибо, сделали');
    const bare = read('Спасибо');
    expect(both?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });

  it.each(['А когда сделают?', 'Сделали?', 'Спасибо за ответ, а когда будет сделано?', 'Когда будет сделано, напишите', 'Понятно', ''])(
    'gives no verdict on «%s» (a question or no word of the work)',
    (text) => {
      expect(read(text)).toBeUndefined();
    },
  );
});
