import type { Connection } from 'mongoose';

/**
 * Renames the field `from` to `to` in every document of `collection`, once per database, then
 * runs `after` (dropping indexes on the old name, say). A document in `schema_changes` records
 * that it was done, so later starts do not read the whole collection again (FerretDB hands no
 * `$exists` filter down). Two replicas starting together both rename: the second finds nothing.
 */
export async function renameFieldOnce(connection: Connection, collection: string, from: string, to: string, after?: () => Promise<void>): Promise<void> {
  const changes = connection.collection<{ _id: string; at: Date }>('schema_changes');
  const id = `${collection}.${from} → ${to}`;
  if (await changes.findOne({ _id: id })) return;
  await connection.collection(collection).updateMany({ [from]: { $exists: true } }, { $rename: { [from]: to } });
  await after?.();
  await changes.updateOne({ _id: id }, { $setOnInsert: { at: new Date() } }, { upsert: true });
}
