import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../store';
import type { SyncHistory } from './scheduler';

/**
 * The schedule's view of a space's past runs. A run that ended `partial` counts as a success
 * (what failed is retried at the next interval, not in a loop). A space never reconciled in full
 * counts its first successful run as one: a first load reads every record.
 */
export function readSyncHistory(db: Db): SyncHistory {
  const row = db
    .prepare(
      `SELECT max(started_at) AS last, min(started_at) AS first, max(CASE WHEN mode = 'full' THEN started_at END) AS lastFull
         FROM sync_runs WHERE status IN ('succeeded', 'partial')`,
    )
    .get() as { last: string | null; first: string | null; lastFull: string | null };
  const ms = (v: string | null) => (v === null ? null : Date.parse(v));
  return { lastSuccessAt: ms(row.last), lastFullAt: ms(row.lastFull ?? row.first) };
}

/**
 * The history of a space that is not open (a scheduled account other than the active one), read
 * through a short read-only connection. No file yet (never synced) or one that cannot be read
 * counts as never synced: the sync that follows opens it properly (a damaged file is set aside).
 */
export function readSyncHistoryOfFile(path: string): SyncHistory {
  if (!existsSync(path)) return { lastSuccessAt: null, lastFullAt: null };
  let db: Db | null = null;
  try {
    db = openDatabase(path, { readonly: true });
    return readSyncHistory(db);
  } catch {
    return { lastSuccessAt: null, lastFullAt: null };
  } finally {
    db?.close();
  }
}
