import { foldCase } from '@otklik/text';
import { assessSentiment } from './sentiment.service';

const tone = (text: string) => assessSentiment(foldCase(text));

describe('sentiment', () => {
  it('reads anger and neglect as negative', () => {
    expect(tone('Безобразие! Сколько можно, мусор не вывозят до сих пор!!!')).toMatchObject({ label: 'negative' });
  });

  it('reads gratitude as positive', () => {
    expect(tone('Спасибо, оперативно убрали снег, молодцы')).toMatchObject({ label: 'positive' });
  });

  it('reads a plain request as neutral', () => {
    expect(tone('Прошу установить скамейку у подъезда')).toMatchObject({ label: 'neutral', score: 0 });
  });

  it('keeps the score within [-1, 1]', () => {
    const { score } = tone('Ужас, кошмар, позор, грязно, сломано, никто не реагирует!!!!!');
    expect(score).toBeGreaterThanOrEqual(-1);
    expect(score).toBeLessThan(-0.5);
  });
});
