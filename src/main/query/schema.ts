import type { Migration } from '../store';
import type { Db } from '../store';
import { ensureFullText } from './full-text';
import { ensureGridIndexes } from './indexes';

/** Space migration 3: full-text tables with their triggers, and the grid's indexes. */
export const gridSchemaMigration: Migration = {
  version: 3,
  description: 'quick-filter full-text tables and grid indexes',
  up: (db) => ensureGridSchema(db),
};

/** Idempotent: creates what is missing (new data sets, indexes dropped by a bulk load). */
export function ensureGridSchema(db: Db): void {
  ensureFullText(db);
  ensureGridIndexes(db);
}
