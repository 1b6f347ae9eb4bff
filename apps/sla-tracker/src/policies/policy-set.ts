import { Urgency } from '@otklik/contracts';
import { policyRef, PolicyMatch, Regime, REGIMES, REROUTE_EFFECTS, SlaPolicy, Term, TERM_UNITS } from './policy.types';

/** A policy set that cannot be loaded or a clock no policy covers; names the field or the input. */
export class PolicyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** What a policy is chosen by. */
export interface PolicyQuery {
  regime: Regime;
  topicCode: string;
  urgency: Urgency;
  agencyId: string;
  regionCode?: string;
  /** Instant the clock is armed: versions not yet valid are skipped. */
  at: number;
}

function checkTerm(term: Term, field: string, allowZero = false): void {
  if (!TERM_UNITS.includes(term.unit)) throw new PolicyError(`${field}.unit`, `unknown unit "${term.unit}"`);
  if (!Number.isFinite(term.amount) || term.amount < 0 || (!allowZero && term.amount === 0)) {
    throw new PolicyError(`${field}.amount`, `must be a positive number, got ${term.amount}`);
  }
}

/** The keys a policy's `match` may have; `topics` was the earlier name of `topicCodes`. */
const MATCH_KEYS: readonly string[] = ['topicCodes', 'urgencies', 'agencyIds', 'regionCodes'] satisfies (keyof PolicyMatch)[];

function check(policy: SlaPolicy, field: string): void {
  for (const key of Object.keys(policy.match ?? {})) {
    if (!MATCH_KEYS.includes(key)) throw new PolicyError(`${field}.match.${key}`, key === 'topics' ? 'renamed topicCodes' : `unknown key; expected one of ${MATCH_KEYS.join(', ')}`);
  }
  if (!REGIMES.includes(policy.regime)) throw new PolicyError(`${field}.regime`, `unknown regime "${policy.regime}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(policy.validFrom)) throw new PolicyError(`${field}.validFrom`, 'expected YYYY-MM-DD');
  checkTerm(policy.firstAnswer, `${field}.firstAnswer`);
  checkTerm(policy.finalAnswer, `${field}.finalAnswer`);
  checkTerm(policy.interim.maxPromise, `${field}.interim.maxPromise`);
  checkTerm(policy.reopen, `${field}.reopen`);
  if (!REROUTE_EFFECTS.includes(policy.reroute.effect)) throw new PolicyError(`${field}.reroute.effect`, `unknown effect "${policy.reroute.effect}"`);
  if (policy.reroute.effect === 'extend') {
    if (!policy.reroute.extendBy) throw new PolicyError(`${field}.reroute.extendBy`, 'required when the effect is extend');
    checkTerm(policy.reroute.extendBy, `${field}.reroute.extendBy`);
  }
  policy.warnings.forEach((p, i) => {
    if (!(p > 0 && p < 100)) throw new PolicyError(`${field}.warnings[${i}]`, `share must lie in (0, 100), got ${p}`);
  });
  policy.escalation.forEach((step, i) => {
    checkTerm(step.after, `${field}.escalation[${i}].after`, true);
    checkTerm(step.repeatEvery, `${field}.escalation[${i}].repeatEvery`);
    if (!Number.isInteger(step.repeats) || step.repeats < 1) throw new PolicyError(`${field}.escalation[${i}].repeats`, 'must be an integer ≥ 1');
  });
}

/** Weight of each kind of match: an agency's own rule beats a topic rule, which beats urgency. */
function specificity(policy: SlaPolicy, q: PolicyQuery): number {
  const m = policy.match;
  const fits = (list: readonly string[] | undefined, value: string | undefined) => (list === undefined ? 0 : value !== undefined && list.includes(value) ? 1 : -Infinity);
  return 8 * fits(m.agencyIds, q.agencyId) + 4 * fits(m.topicCodes, q.topicCode) + 2 * fits(m.urgencies, q.urgency) + fits(m.regionCodes, q.regionCode);
}

/** The versioned policies; resolves which one arms a clock and finds the one a clock was armed under. */
export class PolicySet {
  private readonly byRef = new Map<string, SlaPolicy>();

  constructor(private readonly policies: readonly SlaPolicy[]) {
    policies.forEach((policy, i) => {
      check(policy, `policies[${i}]`);
      const ref = policyRef(policy);
      if (this.byRef.has(ref)) throw new PolicyError(`policies[${i}]`, `duplicate version ${ref}`);
      this.byRef.set(ref, policy);
    });
  }

  /** The most specific policy valid at `q.at`; of equal ones, the latest version. */
  resolve(q: PolicyQuery): SlaPolicy {
    const day = new Date(q.at).toISOString().slice(0, 10);
    let best: SlaPolicy | undefined;
    let bestScore = -Infinity;
    for (const policy of this.policies) {
      if (policy.regime !== q.regime || policy.validFrom > day) continue;
      const score = specificity(policy, q);
      if (score === -Infinity) continue;
      if (score > bestScore || (score === bestScore && best && (policy.validFrom > best.validFrom || (policy.validFrom === best.validFrom && policy.version > best.version)))) {
        best = policy;
        bestScore = score;
      }
    }
    if (!best) throw new PolicyError('regime', `no policy for ${q.regime}/${q.topicCode}/${q.urgency}/${q.agencyId} on ${day}`);
    return best;
  }

  /** The version a clock was armed under. */
  get(ref: string): SlaPolicy {
    const policy = this.byRef.get(ref);
    if (!policy) throw new PolicyError('policy', `unknown policy version "${ref}"`);
    return policy;
  }
}
