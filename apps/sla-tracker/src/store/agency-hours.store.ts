import { mongo } from 'mongoose';
import { WeeklyHours } from '../working-time/working-hours';

/** An agency's hours as its directory last announced them (collection `agency_hours`). */
export interface AgencyHoursDocument {
  _id: string;
  hours: WeeklyHours;
  updatedAt: Date;
}

/** Keeps the announced hours across restarts: clocks armed before a restart still need them. */
export class AgencyHoursStore {
  private readonly collection: mongo.Collection<AgencyHoursDocument>;

  constructor(db: mongo.Db) {
    this.collection = db.collection<AgencyHoursDocument>('agency_hours');
  }

  all(): Promise<AgencyHoursDocument[]> {
    return this.collection.find({}).toArray();
  }

  async save(agencyId: string, hours: WeeklyHours): Promise<void> {
    await this.collection.replaceOne({ _id: agencyId }, { hours, updatedAt: new Date() }, { upsert: true });
  }
}
