import type { AuditRecord } from './audit.schema';

/** Which write attempts to list, newest first. */
export interface AuditQuery {
  actorId?: string;
  incidentId?: string;
  outcome?: AuditRecord['outcome'];
  since?: Date;
  limit: number;
}

/** Where the audit log is kept; the service redacts a record before it gets here. */
export abstract class AuditStore {
  /** Appends one record. */
  abstract add(record: AuditRecord): Promise<void>;
  /** Records matching `query`, newest first, at most `query.limit`. */
  abstract find(query: AuditQuery): Promise<AuditRecord[]>;
}
