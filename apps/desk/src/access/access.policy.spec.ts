import { DeskError } from '../common/desk-error';
import { assertAgencyMayAct, assertOperator, canSee, visibilityFilter } from './access.policy';
import { Principal } from './principal';

const operator: Principal = { id: 'u1', kind: 'user', name: 'op', role: 'operator', via: 'cookie' };
const gzhi: Principal = { id: 'u2', kind: 'user', name: 'gzhi-staff', role: 'agency', agencyId: 'gzhi', via: 'cookie' };
const unbound: Principal = { id: 'u3', kind: 'token', name: 'broken', role: 'agency', via: 'bearer' };
const held = { agencyId: 'gzhi', coExecutorIds: [] };
const others = { agencyId: 'vodokanal', coExecutorIds: [] };
const coExecuted = { agencyId: 'vodokanal', coExecutorIds: ['gzhi'] };

describe('access policy', () => {
  it('lets operators see every incident', () => {
    expect(visibilityFilter(operator)).toEqual({});
    expect(canSee(operator, others)).toBe(true);
  });

  it('limits agency staff to incidents their agency holds or co-executes', () => {
    expect(visibilityFilter(gzhi)).toEqual({ $or: [{ agencyId: 'gzhi' }, { coExecutorIds: 'gzhi' }] });
    expect(canSee(gzhi, held)).toBe(true);
    expect(canSee(gzhi, coExecuted)).toBe(true);
    expect(canSee(gzhi, others)).toBe(false);
  });

  it('shows nothing to an agency credential without an agency', () => {
    expect(visibilityFilter(unbound)).toEqual({ incidentId: { $in: [] } });
    expect(canSee(unbound, held)).toBe(false);
  });

  it('lets only the holding agency act; another agency gets "not found", a co-executor "forbidden"', () => {
    expect(assertAgencyMayAct(gzhi, held)).toBe('gzhi');
    expect(() => assertAgencyMayAct(gzhi, others)).toThrow(expect.objectContaining({ kind: 'not_found' }));
    expect(() => assertAgencyMayAct(gzhi, coExecuted)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => assertAgencyMayAct(operator, held)).toThrow(DeskError);
  });

  it('keeps operator decisions from agency staff', () => {
    expect(() => assertOperator(gzhi)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => assertOperator(operator)).not.toThrow();
  });
});
