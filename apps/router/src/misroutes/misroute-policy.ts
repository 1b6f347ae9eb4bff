import { Decision } from '../routing/routing.model';
import { MisroutePolicy } from '../config/policies';

/** A share of lost time charged to one party. */
export interface Charge {
  party: 'rule' | 'history' | 'operator' | 'triage' | 'agency';
  /** Rule id, agency id, operator's user id; `history` for learned routing. */
  id: string;
  minutes: number;
}

export function lostMinutes(routedAt: Date, returnedAt: Date): number {
  return Math.max(0, Math.round((returnedAt.getTime() - routedAt.getTime()) / 60_000));
}

function decisionParty(decision: Decision, actor?: string): Pick<Charge, 'party' | 'id'> {
  switch (decision.method) {
    case 'rule':
      return { party: 'rule', id: decision.ruleId ?? 'unknown' };
    case 'history':
      return { party: 'history', id: 'history' };
    case 'operator':
      return { party: 'operator', id: actor ?? 'operator' };
    case 'triage':
      return { party: 'triage', id: decision.agencyId };
  }
}

/**
 * Splits the lost time: the decision's source pays up to the grace, the agency that held the
 * incident pays what lies beyond it — or everything, when its return proved unjustified (the
 * incident came back to it).
 */
export function attributeLoss(minutes: number, decision: Decision, agencyId: string, policy: MisroutePolicy, unjustified = false, decidedBy?: string): Charge[] {
  if (unjustified) return [{ party: 'agency', id: agencyId, minutes }];
  const source = Math.min(minutes, policy.agencyGraceMinutes);
  const charges: Charge[] = [{ ...decisionParty(decision, decidedBy), minutes: source }];
  if (minutes > source) charges.push({ party: 'agency', id: agencyId, minutes: minutes - source });
  return charges;
}
