import { foldCase } from '../text/normalize';
import { firedTopicRules } from './topic.rules';

const topics = (text: string) => firedTopicRules(foldCase(text)).map((rule) => rule.topic);

describe('topic rules', () => {
  it('name signs and timetables at public-transport stops', () => {
    for (const text of ['Опора с ИЗО отклонилась от вертикального положения', 'Сорвана табличка с расписанием', 'Погнут знак автобусной остановки', 'Надписи на стенде с информацией о транспорте', 'Не работает табло прибытия транспорта']) {
      expect(topics(text)).toEqual(['transport.stops']);
    }
  });

  it('name building-site fences', () => {
    for (const text of ['Строительный забор упал на тротуар', 'Сломаны секции ограждения строительной площадки', 'Отсутствует временное ограждение', 'Ограждение стр. площадок не соответствует требованиям']) {
      expect(topics(text)).toEqual(['other.construction']);
    }
  });

  it('leave graffiti on a building-site fence to the model', () => {
    expect(topics('Граффити на строительном заборе')).toEqual([]);
  });

  it('stay quiet on a stop or a fence mentioned in passing', () => {
    expect(topics('Мусор на остановке общественного транспорта')).toEqual([]);
    expect(topics('Забор у детской площадки покосился')).toEqual([]);
  });

  it('tell the no-stopping road sign from a stop sign', () => {
    expect(topics('Установили много знаков остановка запрещена')).toEqual([]);
  });
});
