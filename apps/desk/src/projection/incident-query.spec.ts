import { Principal } from '../access/principal';
import { DeskError } from '../common/desk-error';
import { buildIncidentFilter, IncidentQuery, parseStates, queueFilter, sortOf } from './incident-query';

const operator: Principal = { id: 'u1', kind: 'user', name: 'op', role: 'operator', via: 'cookie' };
const agency: Principal = { id: 'u2', kind: 'user', name: 'staff', role: 'agency', agencyId: 'gzhi', via: 'cookie' };
const NOW = new Date('2026-03-02T10:00:00Z');
const base: IncidentQuery = { limit: 50, offset: 0 };

describe('incident list filter', () => {
  it('always narrows agency staff to their agency, whatever else they ask for', () => {
    const filter = buildIncidentFilter({ ...base, agencyId: 'vodokanal' }, agency, NOW);
    expect(filter).toEqual({ $and: [{ $or: [{ agencyId: 'gzhi' }, { coExecutorIds: 'gzhi' }] }, { $or: [{ agencyId: 'vodokanal' }, { coExecutorIds: 'vodokanal' }] }] });
  });

  it('searches by every stem of the query in the token index', () => {
    expect(buildIncidentFilter({ ...base, q: 'Нет горячей воды в доме' }, operator, NOW)).toEqual({ searchTokens: { $all: ['нет', 'горяч', 'вод', 'дом'] } });
  });

  it('refuses a query with nothing to search for, naming q', () => {
    expect(() => buildIncidentFilter({ ...base, q: 'и в на' }, operator, NOW)).toThrow(DeskError);
    try {
      buildIncidentFilter({ ...base, q: 'и в' }, operator, NOW);
    } catch (error) {
      expect((error as DeskError).fields[0]?.field).toBe('q');
    }
  });

  it('defines the overdue queue as open incidents whose earliest deadline has passed', () => {
    expect(queueFilter('overdue', NOW)).toEqual({ open: true, nextDueAt: { $lt: NOW.toISOString() } });
    expect(queueFilter('low_confidence', NOW)).toEqual({ reviewNeeded: true });
  });

  it('filters a category and a topic by their codes, a territory by prefix', () => {
    expect(buildIncidentFilter({ ...base, categoryCode: 'housing' }, operator, NOW)).toEqual({ categoryCode: 'housing' });
    expect(buildIncidentFilter({ ...base, topicCode: 'housing.lifts' }, operator, NOW)).toEqual({ topicCode: 'housing.lifts' });
    expect(buildIncidentFilter({ ...base, territoryCode: '409.1' }, operator, NOW)).toEqual({ territoryCode: { $regex: '^409\\.1' } });
  });

  it('sorts by deadline with incidents without one last, ties broken by id', () => {
    expect(sortOf('due')).toEqual({ dueOrder: 1, incidentId: 1 });
    expect(sortOf(undefined)).toEqual({ updatedAt: -1, incidentId: 1 });
  });

  it('names an unknown state', () => {
    expect(parseStates('routed, answered')).toEqual(['routed', 'answered']);
    expect(() => parseStates('routed,lost')).toThrow(/state: unknown state "lost"/);
  });
});
