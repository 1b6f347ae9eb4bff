import { Connection, Model, Schema } from 'mongoose';
import { AgencyPreferences } from './preferences';

/** One document per agency; `_id` is the agency id. */
export const PreferencesSchema = new Schema(
  {
    _id: { type: String, required: true },
    locale: { type: String, required: true },
    timeZone: { type: String, required: true },
    events: { type: [String], required: true },
    channels: { type: [String], required: true },
    contacts: { type: [{ _id: false, id: String, channel: String, address: String, role: String }], required: true },
    quietHours: { type: { _id: false, from: String, to: String }, required: false },
    digestHour: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'notifier_preferences', versionKey: false },
);
PreferencesSchema.index({ events: 1 }, { name: 'preferences_by_event' });

type PreferencesDoc = Omit<AgencyPreferences, 'agencyId'> & { _id: string; updatedAt: Date };

/** Agencies' notification preferences in MongoDB. */
export class PreferencesStore {
  private readonly model: Model<PreferencesDoc>;

  constructor(connection: Connection) {
    this.model = (connection.models.Preferences as Model<PreferencesDoc> | undefined) ?? connection.model<PreferencesDoc>('Preferences', PreferencesSchema);
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  async get(agencyId: string): Promise<AgencyPreferences | undefined> {
    const doc = await this.model.findById(agencyId).lean<PreferencesDoc>();
    return doc ? toPrefs(doc) : undefined;
  }

  /** Replaces an agency's preferences whole (PUT semantics). */
  async put(prefs: AgencyPreferences, now: Date): Promise<AgencyPreferences> {
    const { agencyId, ...rest } = prefs;
    const set: Record<string, unknown> = { ...rest, updatedAt: now };
    const unset: Record<string, ''> = {};
    if (!prefs.quietHours) {
      delete set.quietHours;
      unset.quietHours = '';
    }
    await this.model.updateOne({ _id: agencyId }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { upsert: true });
    return prefs;
  }

  /** Agencies that subscribed to the overdue digest. */
  async withDigest(): Promise<AgencyPreferences[]> {
    const docs = await this.model.find({ events: 'digest.overdue' }).lean<PreferencesDoc[]>();
    return docs.map(toPrefs);
  }
}

function toPrefs(doc: PreferencesDoc): AgencyPreferences {
  const { _id, updatedAt: _updated, ...rest } = doc;
  return { ...rest, agencyId: _id, quietHours: rest.quietHours ?? undefined };
}
