import { foldCase } from '@otklik/text';
import { toPlainText } from '../text/plain-text';
import { extractAddresses } from './address';
import { extractPlace } from './place.service';

const place = (text: string, community?: string) => {
  const plain = toPlainText(text);
  return extractPlace(plain, foldCase(plain), community);
};

describe('place', () => {
  it('finds a district named in an inflected form', () => {
    expect(place('Яма на дороге в Невском районе').territory?.code).toBe('40:nevsky');
  });

  it('finds a settlement and maps it to its district', () => {
    expect(place('В Колпино не убирают снег', '40000000')).toMatchObject({ source: 'text', territory: { code: '40:kolpinsky' } });
  });

  it('does not take Nevsky Prospekt for the Nevsky district', () => {
    expect(place('Невский пр., 10 — грязь', '40000000').source).toBe('community');
  });

  it('prefers the community region for names shared by regions', () => {
    expect(place('Октябрьский район, нет света', '38000000').territory?.code).toBe('38:oktyabrsky');
  });

  it('finds Kursk municipalities', () => {
    expect(place('В деревне Льговского района нет света').territory?.code).toBe('38:lgovsky');
    expect(place('г. Курск, ул. Союзная д. 71Б').territory?.code).toBe('38701000');
  });

  it('falls back to the community territory', () => {
    expect(place('Не горит фонарь у дома', '40:primorsky')).toMatchObject({ source: 'community', territory: { code: '40:primorsky' } });
    expect(place('Не горит фонарь у дома')).toMatchObject({ source: 'none', confidence: 0 });
  });

  it('falls back to a community registered with an inner okrug, or with a legacy code, as the district that holds it', () => {
    expect(place('Не горит фонарь у дома', '40:nevsky:rybatskoe')).toMatchObject({ source: 'community', territory: { code: '40:nevsky' } });
    expect(place('Не горит фонарь у дома', 'RU-SPE:nevsky')).toMatchObject({ source: 'community', territory: { code: '40:nevsky' } });
  });
});

describe('addresses', () => {
  it('reads "ул. Ленина, 5"', () => {
    expect(extractAddresses('Яма на ул. Ленина, 5 уже месяц')[0]).toMatchObject({ street: 'улица Ленина', house: '5' });
  });

  it('reads a building number and a letter', () => {
    expect(extractAddresses('пр. Ветеранов д. 71 корп 2')[0]).toMatchObject({ street: 'проспект Ветеранов', house: '71', building: '2' });
    expect(extractAddresses('ул. Союзная д. 71Б')[0]).toMatchObject({ street: 'улица Союзная', house: '71б' });
  });

  it('reads the name-first order', () => {
    expect(extractAddresses('Невский пр., 10')[0]).toMatchObject({ street: 'проспект Невский', house: '10' });
  });

  it('finds nothing in a text without an address', () => {
    expect(extractAddresses('Не горит фонарь')).toEqual([]);
  });
});
