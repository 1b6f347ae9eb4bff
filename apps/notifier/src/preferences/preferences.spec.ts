import { AgencyPreferences, localDate, parseClock, quietHoursEnd, selectTargets } from './preferences';

const prefs: AgencyPreferences = {
  agencyId: 'ag-1',
  locale: 'ru',
  timeZone: 'Europe/Moscow',
  events: ['incident.routed', 'sla.breached', 'sla.escalated', 'digest.overdue'],
  channels: ['email', 'telegram', 'webhook'],
  contacts: [
    { id: 'mail', channel: 'email', address: 'duty@ag.test', role: 'staff' },
    { id: 'chat', channel: 'telegram', address: '-1001', role: 'staff' },
    { id: 'boss', channel: 'email', address: 'head@ag.test', role: 'head' },
    { id: 'hook', channel: 'webhook', address: 'ep-1', role: 'staff' },
  ],
  quietHours: { from: '22:00', to: '08:00' },
  digestHour: 9,
};

// 23:30 in Moscow (UTC+3).
const night = new Date('2026-03-02T20:30:00Z');
const day = new Date('2026-03-02T09:00:00Z');

describe('selectTargets', () => {
  it('sends nothing for a kind the agency did not subscribe to', () => {
    expect(selectTargets(prefs, 'sla.warning', 'normal', day)).toEqual([]);
  });

  it('sends to every contact on an allowed channel, now, during the day', () => {
    const targets = selectTargets(prefs, 'incident.routed', 'normal', day);
    expect(targets.map((t) => t.recipient)).toEqual(['agency:ag-1/mail', 'agency:ag-1/chat', 'agency:ag-1/boss', 'agency:ag-1/hook']);
    expect(targets.every((t) => t.notBefore.getTime() === day.getTime())).toBe(true);
  });

  it('holds people’s notices until 08:00 local at night, but not the webhook', () => {
    const targets = selectTargets(prefs, 'incident.routed', 'normal', night);
    const at = Object.fromEntries(targets.map((t) => [t.contact.id, t.notBefore.toISOString()]));
    expect(at.mail).toBe('2026-03-03T05:00:00.000Z');
    expect(at.chat).toBe('2026-03-03T05:00:00.000Z');
    expect(at.hook).toBe(night.toISOString());
  });

  it('never holds an emergency for quiet hours', () => {
    const targets = selectTargets(prefs, 'incident.routed', 'emergency', night);
    expect(targets.every((t) => t.notBefore.getTime() === night.getTime())).toBe(true);
  });

  it('sends escalations and digests to heads only', () => {
    expect(selectTargets(prefs, 'sla.escalated', 'normal', day).map((t) => t.contact.id)).toEqual(['boss']);
  });

  it('skips contacts on channels the agency switched off', () => {
    const targets = selectTargets({ ...prefs, channels: ['email'] }, 'incident.routed', 'normal', day);
    expect(targets.map((t) => t.contact.channel)).toEqual(['email', 'email']);
  });
});

describe('quiet hours', () => {
  it('handles a window within one day', () => {
    const q = { from: '13:00', to: '14:00' };
    expect(quietHoursEnd(q, 'Europe/Moscow', new Date('2026-03-02T10:15:00Z'))?.toISOString()).toBe('2026-03-02T11:00:00.000Z');
    expect(quietHoursEnd(q, 'Europe/Moscow', new Date('2026-03-02T11:00:00Z'))).toBeUndefined();
  });

  it('uses the agency’s own time zone', () => {
    // 07:30 in Vladivostok (UTC+10) is inside 22:00–08:00.
    expect(quietHoursEnd({ from: '22:00', to: '08:00' }, 'Asia/Vladivostok', new Date('2026-03-02T21:30:00Z'))?.toISOString()).toBe('2026-03-02T22:00:00.000Z');
  });

  it('rejects a malformed time naming the field', () => {
    expect(() => parseClock('25:00', 'quietHours.from')).toThrow('quietHours.from');
  });

  it('gives the local date across midnight', () => {
    expect(localDate(new Date('2026-03-02T22:30:00Z'), 'Europe/Moscow')).toBe('2026-03-03');
  });
});
