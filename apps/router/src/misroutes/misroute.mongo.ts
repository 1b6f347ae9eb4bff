import { Collection, Connection } from 'mongoose';
import { isDuplicateKey, stripUndefined } from '../shared/mongo';
import { Charge } from './misroute-policy';
import { Misroute, MisrouteStore, MisrouteSummary } from './misroute.model';

// Per-party sums are kept as plain fields: FerretDB aggregates only with $match/$group/$sum.
type MisrouteDoc = Omit<Misroute, 'id'> & { _id: string; agencyMinutes: number; unjustifiedCount: number };

function agencyMinutes(agencyId: string, charges: Charge[]): number {
  return charges.filter((c) => c.party === 'agency' && c.id === agencyId).reduce((sum, c) => sum + c.minutes, 0);
}

/** Misroutes in MongoDB/FerretDB: one document per misroute, summaries by $group. */
export class MongoMisrouteStore implements MisrouteStore {
  private readonly misroutes: Collection<MisrouteDoc>;

  constructor(connection: Connection) {
    this.misroutes = connection.collection<MisrouteDoc>('misroutes');
  }

  async init(): Promise<void> {
    await Promise.all([this.misroutes.createIndex({ endedAt: 1 }), this.misroutes.createIndex({ incidentId: 1 })]);
  }

  async record(m: Misroute): Promise<void> {
    const { id, ...rest } = m;
    try {
      await this.misroutes.insertOne(stripUndefined({ ...rest, _id: id, agencyMinutes: agencyMinutes(m.agencyId, m.charges), unjustifiedCount: m.unjustified ? 1 : 0 }));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  async markUnjustified(id: string, charges: Charge[]): Promise<void> {
    const doc = await this.misroutes.findOne({ _id: id });
    if (!doc || doc.unjustified) return;
    await this.misroutes.updateOne({ _id: id }, { $set: { unjustified: true, unjustifiedCount: 1, charges, agencyMinutes: agencyMinutes(doc.agencyId, charges) } });
  }

  async summary(from: Date, to: Date): Promise<MisrouteSummary> {
    const match = { $match: { endedAt: { $gte: from, $lt: to } } };
    const [byRule, byAgency, byMethod] = await Promise.all([
      this.misroutes
        .aggregate<{ _id: string | null; misroutes: number; lostMinutes: number }>([match, { $group: { _id: '$ruleId', misroutes: { $sum: 1 }, lostMinutes: { $sum: '$lostMinutes' } } }])
        .toArray(),
      this.misroutes
        .aggregate<{ _id: string; misroutes: number; chargedMinutes: number; unjustifiedReturns: number }>([
          match,
          { $group: { _id: '$agencyId', misroutes: { $sum: 1 }, chargedMinutes: { $sum: '$agencyMinutes' }, unjustifiedReturns: { $sum: '$unjustifiedCount' } } },
        ])
        .toArray(),
      this.misroutes
        .aggregate<{ _id: string; misroutes: number; lostMinutes: number }>([match, { $group: { _id: '$method', misroutes: { $sum: 1 }, lostMinutes: { $sum: '$lostMinutes' } } }])
        .toArray(),
    ]);
    const sortBy = <T extends { misroutes: number }>(rows: T[]): T[] => rows.sort((a, b) => b.misroutes - a.misroutes);
    return {
      from,
      to,
      byRule: sortBy(byRule.filter((r) => r._id !== null && r._id !== undefined).map((r) => ({ ruleId: String(r._id), misroutes: r.misroutes, lostMinutes: r.lostMinutes }))),
      byAgency: sortBy(byAgency.map((r) => ({ agencyId: r._id, misroutes: r.misroutes, chargedMinutes: r.chargedMinutes, unjustifiedReturns: r.unjustifiedReturns }))),
      byMethod: sortBy(byMethod.map((r) => ({ method: r._id, misroutes: r.misroutes, lostMinutes: r.lostMinutes }))),
    };
  }
}
