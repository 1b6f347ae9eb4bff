import { Model } from 'mongoose';

/** The document kept changing under us; the caller (a consumer) should retry the event later. */
export class ConcurrentUpdateError extends Error {
  constructor(what: string) {
    super(`${what}: changed concurrently too many times`);
    this.name = 'ConcurrentUpdateError';
  }
}

const ATTEMPTS = 10;

/** Splits a change into fields to set and fields to remove (undefined means "no longer there"). */
function toUpdate(next: object, version: number): { $set: Record<string, unknown>; $unset?: Record<string, ''> } {
  const $set: Record<string, unknown> = { version };
  const $unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) $unset[key] = '';
    else $set[key] = value;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

/**
 * Read-modify-write of one document without transactions: the write only lands if `version` is
 * still the one read; otherwise the document is read again and the change recomputed. A new
 * document is inserted, and a racing insert shows up as a duplicate key on the unique filter field.
 *
 * `compute` returns the new fields, or undefined for "nothing to change". `onInsert` adds fields
 * written only when the document is created (fields other writers own afterwards).
 */
export async function updateVersioned<T extends { version: number }>(
  model: Model<T>,
  filter: Record<string, string>,
  compute: (current: T | null) => Promise<Partial<T> | undefined>,
  onInsert: Partial<T> = {},
): Promise<T | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await model.findOne(filter).lean<T>();
    const next = await compute(current);
    if (!next) return current;
    if (!current) {
      try {
        await model.collection.insertOne({ ...onInsert, ...next, ...filter, version: 1 }, { ignoreUndefined: true });
        return { ...onInsert, ...next, ...filter, version: 1 } as T;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) continue;
        throw error;
      }
    }
    const version = current.version + 1;
    const result = await model.collection.updateOne({ ...filter, version: current.version }, toUpdate(next, version), { ignoreUndefined: true });
    if (result.matchedCount === 1) return { ...current, ...next, version };
  }
  throw new ConcurrentUpdateError(JSON.stringify(filter));
}
