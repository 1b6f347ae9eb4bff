import { foldCase } from '@otklik/text';
import { decideKind } from './kind.service';

const unsure = { confidence: 0.2 };
const sure = { confidence: 0.9 };
const kind = (text: string, topic = unsure) => decideKind(foldCase(text), topic);

describe('kind', () => {
  it('reads a stated problem as a complaint', () => {
    expect(kind('Во дворе не вывозят мусор уже неделю')).toMatchObject({ kind: 'complaint' });
    expect(kind('Во дворе не вывозят мусор уже неделю').dismissal).toBeUndefined();
  });

  it('reads a request for information as a question', () => {
    expect(kind('Подскажите, когда будет расписание автобусов на лето?')).toMatchObject({ kind: 'question' });
  });

  it('dismisses thanks, even when they name the fixed problem', () => {
    expect(kind('Спасибо за уборку мусора во дворе!')).toMatchObject({ kind: 'thanks', dismissal: 'gratitude' });
  });

  it('keeps thanks that go on to state a problem as a complaint', () => {
    expect(kind('Спасибо, но фонарь так и не горит')).toMatchObject({ kind: 'complaint' });
  });

  it('does not take a courtesy in advance for gratitude', () => {
    expect(kind('Фонарь у дома 5 мигает всю ночь. Заранее спасибо!')).toMatchObject({ kind: 'complaint' });
  });

  it('reads thanks followed by "но" as a complaint', () => {
    expect(kind('Дорогу сделали, огромная благодарность! Но газон после ремонта так и оставили')).toMatchObject({ kind: 'complaint' });
  });

  it('keeps a longer text without lexicon words as a complaint of low confidence', () => {
    const decision = kind('Вдоль дороги на тротуаре песок, ходить тяжело');
    expect(decision).toMatchObject({ kind: 'complaint', rules: ['complaint:default'] });
    expect(decision.confidence).toBeLessThan(0.6);
  });

  it('dismisses advertising', () => {
    expect(kind('Скидки до 50%! Звоните по номеру')).toMatchObject({ kind: 'other', dismissal: 'advertising' });
  });

  it('dismisses a text with no letters as empty', () => {
    expect(kind('👍 !!!')).toMatchObject({ kind: 'other', dismissal: 'empty' });
  });

  it('trusts a confident topic when no problem word is present', () => {
    expect(kind('Ветка над входом в подъезд', sure)).toMatchObject({ kind: 'complaint', rules: ['complaint:confident-topic'] });
    expect(kind('Хорошая погода сегодня')).toMatchObject({ kind: 'other', dismissal: 'no-problem-stated' });
  });
});
