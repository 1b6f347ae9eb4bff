import { DecisionMethod } from '../routing/routing.model';
import { Charge } from './misroute-policy';

/** One wrong address: an agency's return or an operator's correction. */
export interface Misroute {
  /** `<incident id>:<n>`, n counting the incident's misroutes — makes recording idempotent. */
  id: string;
  incidentId: string;
  number: string;
  topicCode: string;
  territoryCode?: string;
  kind: 'return' | 'reassign';
  /** The agency that wrongly received the incident. */
  agencyId: string;
  method: DecisionMethod;
  ruleId?: string;
  reason: string;
  routedAt: Date;
  endedAt: Date;
  lostMinutes: number;
  charges: Charge[];
  unjustified: boolean;
}

/** Misroute counts and lost time, per rule and per agency, over a period. */
export interface MisrouteSummary {
  from: Date;
  to: Date;
  byRule: { ruleId: string; misroutes: number; lostMinutes: number }[];
  byAgency: { agencyId: string; misroutes: number; chargedMinutes: number; unjustifiedReturns: number }[];
  byMethod: { method: string; misroutes: number; lostMinutes: number }[];
}

/** Where misroutes are kept; recording the same id twice has one effect. */
export interface MisrouteStore {
  record(misroute: Misroute): Promise<void>;
  /** A return proved unjustified: the whole loss moves to the agency. */
  markUnjustified(id: string, charges: Charge[]): Promise<void>;
  summary(from: Date, to: Date): Promise<MisrouteSummary>;
}
