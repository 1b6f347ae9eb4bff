import { foldCase } from '@otklik/text';
import { firedTopicRules } from './topic.rules';

const topics = (text: string) => firedTopicRules(foldCase(text)).flatMap((rule) => rule.topics);

describe('topic rules', () => {
  it('name signs and timetables at public-transport stops', () => {
    for (const text of [
      'Опора с ИЗО отклонилась от вертикального положения',
      'Сорвана табличка с расписанием',
      'Погнут знак автобусной остановки',
      'Надписи на стенде с информацией о транспорте',
      'Не работает табло прибытия транспорта',
    ]) {
      expect(topics(text)).toEqual(['transport.stops']);
    }
  });

  it('name building-site fences', () => {
    for (const text of [
      'Строительный забор упал на тротуар',
      'Сломаны секции ограждения строительной площадки',
      'Отсутствует временное ограждение',
      'Ограждение стр. площадок не соответствует требованиям',
    ]) {
      expect(topics(text)).toEqual(['other.construction']);
    }
  });

  it("file graffiti and bills on any fence, a building site's too, as defacement", () => {
    for (const text of ['Граффити на строительном заборе', 'Рисунок на заборе.', 'Прошу очистить забор от объявлений']) {
      expect(topics(text)).toEqual(['landscaping.graffiti', 'landscaping.advertising']);
    }
  });

  it('stay quiet on a fence mentioned in passing', () => {
    expect(topics('Забор у детской площадки покосился')).toEqual([]);
  });

  it('file snow and litter at a stop under snow removal and waste, not public transport', () => {
    expect(topics('Не очищена остановка автобуса, надо перешагивать через сугроб')).toEqual(['landscaping.snow_ice']);
    expect(topics('Плохо убрана остановка транспорта')).toEqual(['landscaping.snow_ice']);
    expect(topics('Мусор на остановке общественного транспорта')).toEqual(['waste.litter', 'waste.containers']);
  });

  it('need a transport word to read an arrival board as a stop', () => {
    expect(topics('Не работает электронное табло на остановке')).toEqual(['transport.stops']);
    expect(topics('В грузовом лифте отсутствует электронное табло')).toEqual([]);
  });

  it('tell the no-stopping road sign from a stop sign', () => {
    expect(topics('Установили много знаков остановка запрещена')).toEqual([]);
  });
});
