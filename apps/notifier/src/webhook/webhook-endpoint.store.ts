/** An agency's own system that receives notifications over HTTP. */
export interface WebhookEndpoint {
  id: string;
  agencyId: string;
  url: string;
  /** Shared secret for the HMAC signature. */
  secret: string;
  enabled: boolean;
  consecutiveFailures: number;
  lastError?: string;
  disabledAt?: Date;
  /** Bumped each time the endpoint is (re)configured; one disable alert per generation. */
  generation?: number;
}

/** Result of recording a failed attempt. */
export interface FailureRecord {
  endpoint: WebhookEndpoint;
  /** True for exactly one caller: the one whose failure crossed the limit and disabled the endpoint. */
  disabledNow: boolean;
}

/** Where endpoints and their health live (MongoDB in the service, memory in unit tests). */
export interface WebhookEndpointStore {
  get(id: string): Promise<WebhookEndpoint | undefined>;
  recordSuccess(id: string): Promise<void>;
  recordFailure(id: string, error: string, disableAfter: number, now: Date): Promise<FailureRecord>;
}

/** Endpoints in process memory. */
export class InMemoryWebhookEndpointStore implements WebhookEndpointStore {
  private readonly endpoints = new Map<string, WebhookEndpoint>();

  put(endpoint: Omit<WebhookEndpoint, 'enabled' | 'consecutiveFailures'> & Partial<WebhookEndpoint>): void {
    const generation = (this.endpoints.get(endpoint.id)?.generation ?? 0) + 1;
    this.endpoints.set(endpoint.id, { enabled: true, consecutiveFailures: 0, generation, ...endpoint });
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const e = this.endpoints.get(id);
    return e && { ...e };
  }

  async recordSuccess(id: string): Promise<void> {
    const e = this.endpoints.get(id);
    if (e) Object.assign(e, { consecutiveFailures: 0, lastError: undefined });
  }

  async recordFailure(id: string, error: string, disableAfter: number, now: Date): Promise<FailureRecord> {
    const e = this.endpoints.get(id);
    if (!e) throw new Error(`webhook endpoint ${id} not found`);
    e.consecutiveFailures += 1;
    e.lastError = error;
    const disabledNow = e.enabled && e.consecutiveFailures >= disableAfter;
    if (disabledNow) Object.assign(e, { enabled: false, disabledAt: now });
    return { endpoint: { ...e }, disabledNow };
  }
}
