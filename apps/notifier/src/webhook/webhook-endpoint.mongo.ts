import { Connection, Model, Schema } from 'mongoose';
import { FailureRecord, WebhookEndpoint, WebhookEndpointStore } from './webhook-endpoint.store';

const WebhookEndpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    agencyId: { type: String, required: true },
    url: { type: String, required: true },
    secret: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    consecutiveFailures: { type: Number, required: true },
    lastError: { type: String },
    disabledAt: { type: Date },
    generation: { type: Number },
  },
  { collection: 'notifier_webhook_endpoints', versionKey: false },
);

type EndpointDoc = Omit<WebhookEndpoint, 'id'> & { _id: string };

/**
 * Webhook endpoints and their health in MongoDB. The disabling update is guarded; should two
 * callers still both see themselves disabling it (FerretDB does not isolate concurrent
 * conditional updates), the alert's delivery key — endpoint and generation — keeps it to one.
 */
export class MongoWebhookEndpointStore implements WebhookEndpointStore {
  private readonly model: Model<EndpointDoc>;

  constructor(connection: Connection) {
    this.model = (connection.models.WebhookEndpoint as Model<EndpointDoc> | undefined) ?? connection.model<EndpointDoc>('WebhookEndpoint', WebhookEndpointSchema);
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const doc = await this.model.findById(id).lean<EndpointDoc>();
    return doc ? toEndpoint(doc) : undefined;
  }

  /** Creates or replaces an endpoint; a replaced endpoint is enabled again with a clean record. */
  async put(e: Pick<WebhookEndpoint, 'id' | 'agencyId' | 'url' | 'secret'>): Promise<WebhookEndpoint> {
    await this.model.updateOne(
      { _id: e.id },
      { $set: { agencyId: e.agencyId, url: e.url, secret: e.secret, enabled: true, consecutiveFailures: 0 }, $unset: { lastError: '', disabledAt: '' }, $inc: { generation: 1 } },
      { upsert: true },
    );
    return (await this.get(e.id)) ?? { ...e, enabled: true, consecutiveFailures: 0 };
  }

  async recordSuccess(id: string): Promise<void> {
    await this.model.updateOne({ _id: id, consecutiveFailures: { $ne: 0 } }, { $set: { consecutiveFailures: 0 }, $unset: { lastError: '' } });
  }

  async recordFailure(id: string, error: string, disableAfter: number, now: Date): Promise<FailureRecord> {
    const counted = await this.model.findOneAndUpdate({ _id: id }, { $inc: { consecutiveFailures: 1 }, $set: { lastError: error } }, { returnDocument: 'after' }).lean<EndpointDoc>();
    if (!counted) throw new Error(`webhook endpoint ${id} not found`);
    if (!counted.enabled || counted.consecutiveFailures < disableAfter) return { endpoint: toEndpoint(counted), disabledNow: false };
    const flip = await this.model.updateOne({ _id: id, enabled: true }, { $set: { enabled: false, disabledAt: now } });
    return { endpoint: { ...toEndpoint(counted), enabled: false, disabledAt: now }, disabledNow: flip.modifiedCount === 1 };
  }
}

function toEndpoint(doc: EndpointDoc): WebhookEndpoint {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}
