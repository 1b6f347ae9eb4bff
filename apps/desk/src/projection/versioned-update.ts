import { Model } from 'mongoose';

/** The document kept changing under us; the caller (a consumer) should retry the event later. */
export class ConcurrentUpdateError extends Error {
  /** A later try will do: the event is not at fault (see the messaging lib's retries). */
  readonly retryLater = true;

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

/** A document's key: its `_id`, repeated in a named field the API and the queries use. */
export interface DocumentKey {
  field: string;
  value: string;
}

/**
 * Read-modify-write of one document without transactions: the write only lands if `version` is
 * still the one read; otherwise the document is read again and the change recomputed. A new
 * document is inserted, and a racing insert shows up as a duplicate key. The document is read and
 * written by `_id` (the key's value), which FerretDB answers from its index; by another field it
 * would read the whole collection.
 *
 * `compute` returns the new fields, or undefined for "nothing to change". `onInsert` adds fields
 * written only when the document is created (fields other writers own afterwards).
 */
export async function updateVersioned<T extends { version: number }>(
  model: Model<T>,
  key: DocumentKey,
  compute: (current: T | null) => Promise<Partial<T> | undefined>,
  onInsert: Partial<T> = {},
): Promise<T | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await model.findOne({ _id: key.value }).lean<T>();
    const next = await compute(current);
    if (!next) return current;
    if (!current) {
      try {
        const inserted = { ...onInsert, ...next, [key.field]: key.value, version: 1 };
        await model.collection.insertOne({ ...inserted, _id: key.value } as never, { ignoreUndefined: true });
        return inserted as T;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) continue;
        throw error;
      }
    }
    const version = current.version + 1;
    const result = await model.collection.updateOne({ _id: key.value, version: current.version } as never, toUpdate(next, version), { ignoreUndefined: true });
    if (result.matchedCount === 1) return { ...current, ...next, version };
  }
  throw new ConcurrentUpdateError(`${key.field} ${key.value}`);
}

/**
 * Gives documents stored before the read model was keyed by `_id` (their `_id` an ObjectId) their
 * key as `_id`. The copy replaces the original, which the unique key field forbids holding twice.
 */
export async function keyById<T>(model: Model<T>, field: keyof T & string): Promise<number> {
  let moved = 0;
  for await (const doc of model.collection.find({ _id: { $type: 'objectId' } } as never)) {
    const { _id, ...rest } = doc as Record<string, unknown>;
    const value = rest[field];
    if (typeof value !== 'string') continue;
    await model.collection.deleteOne({ _id } as never);
    await model.collection.insertOne({ ...rest, _id: value } as never);
    moved++;
  }
  return moved;
}
