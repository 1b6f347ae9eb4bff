import { AgencyPreferences } from '../preferences/preferences';
import { OverdueItem } from '../templates/notice.types';
import { DigestService } from './digest.service';

const prefs: AgencyPreferences = {
  agencyId: 'ag-1',
  locale: 'ru',
  timeZone: 'Asia/Novosibirsk',
  events: ['digest.overdue'],
  channels: ['email'],
  contacts: [{ id: 'boss', channel: 'email', address: 'head@ag.test', role: 'head' }],
  digestHour: 9,
};
const items: OverdueItem[] = [
  { number: '54-2', topicCode: 'мусор', dueAt: new Date('2026-03-01T10:00:00Z'), link: 'l2' },
  { number: '54-1', topicCode: 'дороги', dueAt: new Date('2026-02-27T10:00:00Z'), link: 'l1' },
];
const service = new DigestService({ overdueFor: async (agencyId) => (agencyId === 'ag-1' ? items : []) });

describe('DigestService', () => {
  it('plans nothing before the digest hour in the agency’s time zone', async () => {
    // 08:59 in Novosibirsk (UTC+7).
    expect(await service.plan(prefs, new Date('2026-03-02T01:59:00Z'))).toBeUndefined();
  });

  it('plans one digest per local day, oldest deadline first', async () => {
    const plan = await service.plan(prefs, new Date('2026-03-02T02:00:00Z'));
    expect(plan).toMatchObject({ eventId: 'digest:ag-1:2026-03-02', date: '2026-03-02' });
    expect(plan?.items.map((i) => i.number)).toEqual(['54-1', '54-2']);
    const later = await service.plan(prefs, new Date('2026-03-02T15:00:00Z'));
    expect(later?.eventId).toBe(plan?.eventId);
  });

  it('plans nothing for an agency with no heads, no subscription or nothing overdue', async () => {
    const now = new Date('2026-03-02T05:00:00Z');
    expect(await service.plan({ ...prefs, contacts: [{ ...prefs.contacts[0], role: 'staff' }] }, now)).toBeUndefined();
    expect(await service.plan({ ...prefs, events: [] }, now)).toBeUndefined();
    expect(await service.plan({ ...prefs, agencyId: 'ag-2' }, now)).toBeUndefined();
  });
});
