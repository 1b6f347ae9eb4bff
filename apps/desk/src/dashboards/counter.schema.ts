import { Schema } from 'mongoose';
import { MetricKind } from './metrics';

/** One dashboard counter (see metrics.ts for the keys). */
export interface CounterRecord {
  key: string;
  kind: MetricKind;
  day: string;
  dims: Record<string, string>;
  labels?: Record<string, string>;
  count: number;
}

export const COUNTER_MODEL = 'DeskCounter';

export const CounterSchema = new Schema<CounterRecord>(
  {
    key: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    day: { type: String, required: true },
    dims: { type: Schema.Types.Mixed, required: true },
    labels: { type: Schema.Types.Mixed },
    count: { type: Number, required: true },
  },
  { collection: 'desk_counters', versionKey: false },
);
CounterSchema.index({ kind: 1, day: 1 });
