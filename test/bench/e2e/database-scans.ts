import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const PSQL = '/usr/lib/postgresql/15/bin/psql';

/** One table's sequential-scan counters since the run's databases were created. */
export interface TableScans {
  table: string;
  scans: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  rows: number;
}

/**
 * Where the database's time goes, from PostgreSQL's own counters: FerretDB keeps each collection
 * in a table of the database's schema, and every filtered query or keyed update it cannot push
 * down is a sequential scan. Only for the local FerretDB-on-PostgreSQL (`.data/postgres`); empty
 * elsewhere (MongoDB, or no psql).
 */
export function databaseScans(databasePrefix: string, top = 12): TableScans[] {
  const pidFile = resolve(root, '.data/postgres/postmaster.pid');
  if (!existsSync(PSQL) || !existsSync(pidFile)) return [];
  const port = readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  const sql = `select schemaname || '.' || regexp_replace(relname, '_[0-9a-f]{8}$', ''), seq_scan, seq_tup_read, n_tup_ins, n_tup_upd, n_live_tup
    from pg_stat_user_tables where schemaname like '${databasePrefix.replace(/[^a-z0-9_]/g, '')}%' order by seq_tup_read desc limit ${top}`;
  try {
    const out = execFileSync(PSQL, ['-h', '127.0.0.1', '-p', port, '-U', 'postgres', '-d', 'otklik', '-AtF', '|', '-c', sql], { encoding: 'utf8', timeout: 30_000 });
    return out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [table, scans, rowsRead, inserted, updated, rows] = line.split('|');
        return { table: table.slice(databasePrefix.length), scans: Number(scans), rowsRead: Number(rowsRead), inserted: Number(inserted), updated: Number(updated), rows: Number(rows) };
      });
  } catch {
    return [];
  }
}
