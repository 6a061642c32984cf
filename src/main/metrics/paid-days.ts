/**
 * Paid sale days of every entitlement id and number, for the conversion cohorts of a full
 * rebuild (see cohort-table.ts): a temporary table (on disk: the sync refreshes with
 * temp_store = FILE) rather than a map of millions of keys and day strings in the heap.
 */
import type { Db } from '../store';
import type { EntitlementSummary } from './entitlement';

export const paidDaysTable = 'temp.metric_paid_days';

export function createPaidDays(db: Db): { addAll(entitlements: Iterable<Pick<EntitlementSummary, 'ids' | 'paid'>>): void; index(): void; drop(): void } {
  db.exec(`DROP TABLE IF EXISTS ${paidDaysTable}`);
  db.exec(`CREATE TABLE ${paidDaysTable} (id TEXT NOT NULL, day TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO ${paidDaysTable} (id, day) VALUES (?, ?)`);
  return {
    addAll(entitlements) {
      for (const e of entitlements) for (const id of e.ids) for (const day of e.paid) insert.run(id, day);
    },
    /** After the last addAll: one index build instead of a B-tree kept in order on every insert. */
    index() {
      db.exec(`CREATE INDEX temp.metric_paid_days_id ON metric_paid_days (id, day)`);
    },
    drop() {
      db.exec(`DROP TABLE IF EXISTS ${paidDaysTable}`);
    },
  };
}
