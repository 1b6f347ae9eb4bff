import { Collection, Connection } from 'mongoose';
import type { SurgeAcknowledgement } from './surge.schema';

/** Who settled a surge's deadline: an acknowledgement in time, or the escalation. */
export type DeadlineOwner = 'acknowledgement' | 'escalation';

type Claim = { _id: string; at: Date; owner?: DeadlineOwner; acknowledgement?: SurgeAcknowledgement };

const DUPLICATE_KEY = 11000;

/**
 * One-winner claims of a surge's transitions (ADR 0001: concurrent conditional updates are not
 * isolated on FerretDB 1.24, a unique insert is): `<surge>#ack`, exactly one acknowledgement, and
 * `<surge>#deadline`, whoever settles the deadline first — an acknowledgement in time or the
 * escalation — so a surge acknowledged in time never escalates.
 */
export class SurgeClaims {
  private readonly claims: Collection<Claim>;

  constructor(connection: Connection) {
    this.claims = connection.collection<Claim>('desk_surge_claims');
  }

  /** Claims the acknowledgement; false when someone acknowledged first. */
  acknowledgement(surgeId: string, acknowledgement: SurgeAcknowledgement): Promise<boolean> {
    return this.insert({ _id: `${surgeId}#ack`, at: acknowledgement.at, acknowledgement });
  }

  /** The acknowledgement that won. */
  async acknowledgementOf(surgeId: string): Promise<SurgeAcknowledgement | undefined> {
    return (await this.claims.findOne({ _id: `${surgeId}#ack` }))?.acknowledgement ?? undefined;
  }

  /** Claims the deadline for `owner`; true also when `owner` holds it already (a pass resumed after a crash). */
  async deadline(surgeId: string, owner: DeadlineOwner, at: Date): Promise<boolean> {
    if (await this.insert({ _id: `${surgeId}#deadline`, at, owner })) return true;
    return (await this.claims.findOne({ _id: `${surgeId}#deadline` }))?.owner === owner;
  }

  private async insert(claim: Claim): Promise<boolean> {
    try {
      await this.claims.insertOne(claim);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}
