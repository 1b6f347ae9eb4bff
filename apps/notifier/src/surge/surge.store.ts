import { withTopicCode, type WrittenBeforeTopicCode } from '@otklik/contracts';
import { Connection, Model, Schema } from 'mongoose';

/** What the notifier keeps of a surge: enough to word its notice again for an agency heard of late. */
export interface KnownSurge {
  /** Id of the `incident.surge` event. */
  surgeId: string;
  correlationId?: string;
  territoryCode: string;
  territoryName?: string;
  topicCode: string;
  incidentIds: string[];
  windowMinutes?: number;
  detectedAt: Date;
}

/** As stored; surges written before the taxonomy code was named `topicCode` say `topic`. */
type SurgeDoc = WrittenBeforeTopicCode<Omit<KnownSurge, 'surgeId'>> & { _id: string };

const SurgeSchema = new Schema(
  {
    _id: String,
    correlationId: String,
    territoryCode: String,
    territoryName: String,
    topicCode: String,
    incidentIds: [String],
    windowMinutes: Number,
    detectedAt: Date,
  },
  { collection: 'notifier_surges', versionKey: false },
);
SurgeSchema.index({ incidentIds: 1 }, { name: 'surge_by_incident' });

/**
 * Surges the notifier has announced. An incident of a surge can reach the notifier after the surge
 * itself (the events travel on different topics), so its agency is told when the incident arrives.
 */
export class SurgeStore {
  private readonly surges: Model<SurgeDoc>;

  constructor(connection: Connection) {
    this.surges = (connection.models.NotifierSurge as Model<SurgeDoc> | undefined) ?? connection.model<SurgeDoc>('NotifierSurge', SurgeSchema);
  }

  async init(): Promise<void> {
    await this.surges.createIndexes();
  }

  /** Keeps a surge; the same surge again changes nothing. */
  async remember(surge: KnownSurge): Promise<void> {
    const { surgeId, ...rest } = surge;
    await this.surges.updateOne({ _id: surgeId }, { $setOnInsert: rest }, { upsert: true });
  }

  /** Surges that counted this incident. */
  async naming(incidentId: string): Promise<KnownSurge[]> {
    const docs = await this.surges.find({ incidentIds: incidentId }).lean<SurgeDoc[]>();
    return docs.map(({ _id, ...rest }) => withTopicCode({ ...rest, surgeId: _id }));
  }
}
