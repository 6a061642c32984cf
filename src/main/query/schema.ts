import { recordDatasets } from '../../shared/catalogue';
import { quoteIdent, type Db, type Migration } from '../store';
import { ensureFullText } from './full-text';
import { createGridIndexes, ensureGridIndexes, gridIndexSpecs, staleGridIndexes } from './indexes';

/** Space migration 3: full-text tables with their triggers, and the grid's indexes. */
export const gridSchemaMigration: Migration = {
  version: 3,
  description: 'quick-filter full-text tables and grid indexes',
  up: (db) => ensureGridSchema(db),
};

/**
 * Space migration 4: the grid's index set as `gridIndexSpecs` now declares it (the walk index
 * replaces the default sort column's own one, date and number columns carry the rowid and the
 * default sort column, the filter index takes its new column order). Bounded: a few index builds
 * per data set (at 1M licences + 1M transactions 25-40 s, printed by `npm run bench -- grid`). A
 * data set whose grid indexes are absent (a bulk load in progress dropped them) is left so: its
 * `finishBulkLoad` builds the current set.
 */
export const gridIndexesMigration: Migration = {
  version: 4,
  description: 'grid walk index, range-column indexes and reordered filter index',
  up: (db) => replaceGridIndexes(db),
  slow: true,
};

/**
 * Space migration 6: a case-insensitive (NOCASE) index per lookup column (catalogue `lookup`:
 * entitlement numbers and ids, contact e-mails, transaction ids, site hostnames), which the text
 * filters "equals" and "starts with" now seek in (filter-sql.ts) instead of testing LIKE on every
 * row; and each default-visible date or number column's index becomes a walk index carrying the
 * enum columns (`gridIndexSpecs`). One index build per new index, as migration 4: at 1M licences
 * + 1M transactions 92 s on a loaded machine (load ~5), ~38 s of it the ten lookup indexes (the
 * start-up notice `db.upgrade` says why the space waits). A data set mid bulk load is left to its
 * `finishBulkLoad`.
 */
export const lookupIndexesMigration: Migration = {
  version: 6,
  description: 'case-insensitive lookup-column indexes, walk indexes for date and number columns',
  up: (db) => replaceGridIndexes(db),
  slow: true,
};

/** Drops the grid indexes the current set no longer holds and builds the missing ones. */
export function replaceGridIndexes(db: Db): void {
  const existing = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name));
  for (const dataset of recordDatasets) {
    const { present, stale } = staleGridIndexes(db, dataset);
    if (!present) continue;
    for (const name of stale) db.exec(`DROP INDEX ${quoteIdent(name)}`);
    createGridIndexes(db, dataset);
    // Statistics for the new indexes alone (when the file has any): without them the planner
    // guesses, and one index's ANALYZE reads only that index, not the table.
    if (hasStatistics(db)) {
      for (const spec of gridIndexSpecs(dataset).filter((s) => !existing.has(s.name))) db.exec(`ANALYZE ${quoteIdent(spec.name)}`);
    }
  }
}

function hasStatistics(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get() !== undefined;
}

/** Idempotent: creates what is missing (new data sets, indexes dropped by a bulk load). */
export function ensureGridSchema(db: Db): void {
  ensureFullText(db);
  ensureGridIndexes(db);
}
