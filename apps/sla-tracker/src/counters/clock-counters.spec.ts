import { ClockEvent, ClockState } from '../clock/clock.types';
import { counterDeltas } from './clock-counters';

const clock = (status: ClockState['status']) => ({ agencyId: 'a1', status }) as ClockState;
const paused = { kind: 'paused', reason: 'triage', usedMinutes: 300 } as ClockEvent;

describe('clock counters', () => {
  it('moves a breached clock that pauses out of the breached count and into the paused one', () => {
    expect(counterDeltas(clock('breached'), clock('paused'), [paused])).toEqual([
      { kind: 'open', agencyId: 'a1', label: 'breached', by: -1 },
      { kind: 'open', agencyId: 'a1', label: 'paused', by: 1 },
    ]);
  });

  it('counts no answer for a pause or a resume', () => {
    expect(counterDeltas(clock('paused'), clock('running'), [{ kind: 'resumed' } as ClockEvent, paused])).toEqual([
      { kind: 'open', agencyId: 'a1', label: 'paused', by: -1 },
      { kind: 'open', agencyId: 'a1', label: 'running', by: 1 },
    ]);
  });
});
