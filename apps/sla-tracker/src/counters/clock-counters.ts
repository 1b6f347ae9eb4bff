import { mongo } from 'mongoose';
import { ClockEvent, ClockState, ClockStatus } from '../clock/clock.types';

/** A counter kept in the database so figures survive restarts without scanning the clocks. */
interface CounterDocument {
  _id: string;
  kind: 'open' | 'answers';
  agencyId: string;
  /** Clock status (open) or `on_time` / `late` (answers). */
  label: string;
  count: number;
}

const OPEN: ReadonlySet<ClockStatus> = new Set(['running', 'paused', 'breached']);

/** Changes of counters one committed transition makes. */
export function counterDeltas(before: ClockState | null, after: ClockState, events: ClockEvent[]): { kind: 'open' | 'answers'; agencyId: string; label: string; by: number }[] {
  const deltas: { kind: 'open' | 'answers'; agencyId: string; label: string; by: number }[] = [];
  const was = before && OPEN.has(before.status) ? { agency: before.agencyId, status: before.status } : null;
  const is = OPEN.has(after.status) ? { agency: after.agencyId, status: after.status } : null;
  if (was?.agency !== is?.agency || was?.status !== is?.status) {
    if (was) deltas.push({ kind: 'open', agencyId: was.agency, label: was.status, by: -1 });
    if (is) deltas.push({ kind: 'open', agencyId: is.agency, label: is.status, by: 1 });
  }
  for (const e of events) {
    if (e.kind === 'met' && e.facts.phase === 'first_answer') {
      deltas.push({ kind: 'answers', agencyId: e.facts.agencyId, label: e.onTime ? 'on_time' : 'late', by: 1 });
    }
  }
  return deltas;
}

/** Persistent counters behind the open-incident and on-time gauges. */
export class ClockCounters {
  private readonly collection: mongo.Collection<CounterDocument>;

  constructor(db: mongo.Db) {
    this.collection = db.collection<CounterDocument>('clock_counters');
  }

  async apply(deltas: ReturnType<typeof counterDeltas>): Promise<void> {
    await Promise.all(
      deltas.map((d) =>
        this.collection.updateOne({ _id: `${d.kind}|${d.agencyId}|${d.label}` }, { $inc: { count: d.by }, $setOnInsert: { kind: d.kind, agencyId: d.agencyId, label: d.label } }, { upsert: true }),
      ),
    );
  }

  async all(): Promise<CounterDocument[]> {
    return this.collection.find({}).toArray();
  }
}
