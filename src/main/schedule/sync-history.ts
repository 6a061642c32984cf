import type { Db } from '../store';
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
