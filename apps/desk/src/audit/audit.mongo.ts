import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AUDIT_MODEL, AuditRecord } from './audit.schema';
import { AuditQuery, AuditStore } from './audit.store';

/** The audit log in the `desk_audit` collection. */
@Injectable()
export class MongoAuditStore implements AuditStore {
  constructor(@InjectModel(AUDIT_MODEL) private readonly records: Model<AuditRecord>) {}

  async add(record: AuditRecord): Promise<void> {
    await this.records.create(record);
  }

  find(query: AuditQuery): Promise<AuditRecord[]> {
    const filter: Record<string, unknown> = {};
    if (query.actorId) filter['actor.id'] = query.actorId;
    if (query.incidentId) filter.incidentId = query.incidentId;
    if (query.outcome) filter.outcome = query.outcome;
    if (query.since) filter.at = { $gte: query.since };
    return this.records.find(filter, { _id: 0 }).sort({ at: -1 }).limit(query.limit).lean<AuditRecord[]>().exec();
  }
}
