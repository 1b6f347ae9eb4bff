import { foldCase } from '@otklik/text';
import { assessUrgency, inHeatingSeason } from './urgency.service';

const january = new Date('2024-01-15T09:00:00Z');
const july = new Date('2024-07-15T09:00:00Z');
const urgency = (text: string, at = january) => assessUrgency(foldCase(text), at);

describe('urgency', () => {
  it('treats a smell of gas as an emergency', () => {
    expect(urgency('В подъезде сильно пахнет газом', july)).toMatchObject({ level: 'emergency', rules: ['urgency:gas'] });
  });

  it('treats an open manhole as an emergency', () => {
    expect(urgency('Открытый люк на тротуаре у школы').level).toBe('emergency');
  });

  it('treats flooding as an emergency', () => {
    expect(urgency('Прорвало трубу, затопило подвал', july).rules).toEqual(expect.arrayContaining(['urgency:flooding']));
  });

  it('makes a heating outage an emergency in winter and high in summer', () => {
    expect(urgency('Третий день нет отопления, батареи холодные')).toMatchObject({ level: 'emergency' });
    expect(urgency('Третий день нет отопления, батареи холодные').rules).toContain('urgency:heating-outage-in-heating-season');
    expect(urgency('Нет горячей воды', july).level).toBe('high');
  });

  it('does not take a fire lane or a dark stairwell for an emergency', () => {
    expect(urgency('Машины стоят на пожарном проезде').rules).not.toContain('urgency:fire');
    expect(urgency('На первом этаже подъезда нет света').level).toBe('normal');
    expect(urgency('Второй день нет света в доме').level).toBe('emergency');
  });

  it('raises slippery pavements to high', () => {
    expect(urgency('Очень скользко на тротуаре, гололед').level).toBe('high');
  });

  it('leaves an ordinary request normal', () => {
    expect(urgency('Прошу покрасить скамейку во дворе')).toEqual({ level: 'normal', confidence: 0.8, rules: [] });
  });

  it('is more certain when more rules agree', () => {
    const one = urgency('Пахнет газом', july);
    const two = urgency('Пахнет газом, угроза жизни жильцов', july);
    expect(two.confidence).toBeGreaterThan(one.confidence);
  });

  it('knows the heating season', () => {
    expect(inHeatingSeason(new Date('2024-10-05T00:00:00Z'))).toBe(true);
    expect(inHeatingSeason(new Date('2024-05-20T00:00:00Z'))).toBe(false);
  });
});
