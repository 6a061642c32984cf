import { recordDatasets, type RecordDataset } from '../../../shared/catalogue';
import { finishBulkLoad, gridIndexSpecs } from '../../query/indexes';
import type { Db } from '../../store';
import { readCheckpoint } from './state';

/**
 * Bulk loads: the first full pass of a data set into an empty table runs without its grid
 * indexes and full-text triggers (each insert several times cheaper, PERF-LIMITS.md) and rebuilds
 * them once at the end. The pass checkpoint's `bulk` flag makes a killed pass resume in bulk;
 * a pass that fails, or is left behind by a run that no longer syncs its data set, gets its
 * indexes and triggers back here so the grid never stays without them.
 */
/** Whether a grid index or the full-text triggers of the data set's table are missing. */
export function isBulkLoadUndone(db: Db, dataset: RecordDataset): boolean {
  const present = new Set(
    (db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')").all(dataset.table) as { type: string; name: string }[]).map((r) =>
      r.type === 'trigger' ? '\u0000trigger' : r.name,
    ),
  );
  return !present.has('\u0000trigger') || gridIndexSpecs(dataset).some((s) => !present.has(s.name));
}

/**
 * After a bulk pass failed (not cancelled: rebuilding a million rows' indexes would hold up the
 * cancel, and the next run's start or resume sees to it): the grid gets its indexes and quick
 * filter back until a later run resumes the pass, in bulk again. Best effort — the pass's own
 * error is the one to report (a full disk fails this too), and the next run tries again.
 */
export function restoreBulkLoad(db: Db, dataset: RecordDataset): void {
  try {
    if (readCheckpoint<{ bulk?: boolean }>(db, dataset.id, 'pass')?.bulk && isBulkLoadUndone(db, dataset)) finishBulkLoad(db, dataset);
  } catch {
    // The next run tries again (see above).
  }
}

/**
 * Restores indexes and triggers of bulk passes this run will not resume (their data set is not
 * among `syncing`): the pass stays checkpointed as bulk, so a later run resumes it in bulk again.
 */
export function restoreAbandonedBulkLoads(db: Db, syncing: ReadonlySet<string>): void {
  for (const dataset of recordDatasets) if (!syncing.has(dataset.id)) restoreBulkLoad(db, dataset);
}
