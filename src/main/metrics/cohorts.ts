/**
 * Evaluation cohorts kept one row per evaluation (metric_evaluation), so an incremental refresh
 * recomputes only the evaluations whose licences changed or whose linked entitlements' paid
 * days changed: the stored cohort comes out of the cells, the recomputed one goes in. It reads
 * licences by evaluationLicense and _key, and entitlement numbers on licences and transactions;
 * without an index for each (the grid's appEntitlementNumber indexes, dropped during a bulk
 * load) the caller recomputes the cohorts whole instead.
 */
import type { Db } from '../store';
import { CellSums, conversionCells } from './cells';
import type { entitlementStore } from './entitlement';
import { addCohort, createConversion, hasEvaluation, identOf, licColumnsSql, type Cohort, type LicRow } from './licence-lines';
import { entitlementOf } from './transaction-lines';

const validLinkSql = "evaluationLicense IS NOT NULL AND evaluationLicense NOT IN ('', 'NA')";

export const evaluationIndexSql = `CREATE INDEX IF NOT EXISTS metric_licences_evaluation ON licences (evaluationLicense) WHERE ${validLinkSql}`;

export function saveCohorts(db: Db, cohorts: readonly Cohort[]): void {
  db.exec('DELETE FROM metric_evaluation');
  const insert = db.prepare('INSERT INTO metric_evaluation (ident, day, addon, hosting, converted) VALUES (?, ?, ?, ?, ?)');
  // In key order: appends, not random B-tree inserts.
  for (const c of [...cohorts].sort((a, b) => (a.ident < b.ident ? -1 : a.ident > b.ident ? 1 : 0))) insert.run(c.ident, c.start, c.addon, c.hosting, c.converted);
}

/** Whether every look-up of the per-evaluation path has an index (else it would scan a million rows per evaluation). */
export function canRecomputeByEvaluation(db: Db): boolean {
  const leads = (table: string, column: string) =>
    (db.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(table) as string[]).some(
      // BINARY only: a NOCASE lookup index (the grid's text filters) cannot answer `= ?`.
      (index) => (db.prepare("SELECT name FROM pragma_index_xinfo(?) WHERE seqno = 0 AND coll = 'BINARY'").pluck().get(index) as string | undefined) === column,
    );
  return leads('licences', 'appEntitlementNumber') && leads('transactions', 'appEntitlementNumber') && leads('licences', 'evaluationLicense');
}

type Store = ReturnType<typeof entitlementStore>;

/**
 * Recomputes the evaluations of `idents` and of the licences carrying `changedIds` (entitlement
 * ids or numbers whose paid days changed), adding the differences to `cells`.
 */
export function recomputeCohorts(db: Db, store: Store, idents: Set<string>, changedIds: ReadonlySet<string>, cells: CellSums): number {
  const byKey = db.prepare(`SELECT ${licColumnsSql} FROM licences WHERE _key = ? AND _gone_since IS NULL`);
  const byNumber = db.prepare(`SELECT ${licColumnsSql} FROM licences WHERE appEntitlementNumber = ? AND _gone_since IS NULL`);
  for (const id of changedIds)
    for (const r of [...(byKey.all(id) as LicRow[]), ...(byNumber.all(id) as LicRow[])]) {
      const ident = hasEvaluation(r) ? identOf(r) : null;
      if (ident !== null) idents.add(ident);
    }
  const stored = db.prepare('SELECT ident, day AS start, addon, hosting, converted FROM metric_evaluation WHERE ident = ?');
  const save = db.prepare('INSERT OR REPLACE INTO metric_evaluation (ident, day, addon, hosting, converted) VALUES (?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM metric_evaluation WHERE ident = ?');
  const linking = db.prepare(`SELECT ${licColumnsSql} FROM licences WHERE evaluationLicense = ? AND ${validLinkSql} AND _gone_since IS NULL`);
  const paidDaysOf = paidDaysReader(db, store);
  for (const ident of idents) {
    const old = stored.get(ident) as Cohort | undefined;
    if (old) addCohort(cells, old, -1);
    const conversion = createConversion();
    for (const r of [...(linking.all(ident) as LicRow[]), ...(byKey.all(ident) as LicRow[])]) if (identOf(r) === ident) conversion.add(r);
    const paidDays = new Map([...conversion.linkedIds()].map((id) => [id, paidDaysOf(id)]));
    const now = conversion.finish(paidDays)[0];
    if (now) {
      addCohort(cells, now, 1);
      save.run(now.ident, now.start, now.addon, now.hosting, now.converted);
    } else if (old) remove.run(ident);
  }
  return idents.size;
}

/**
 * Paid days of an entitlement id or number, as the full refresh's map has them: those of every
 * entitlement carrying it (see addPaidDays) — found by its own key, or by its lines' numbers.
 */
function paidDaysReader(db: Db, store: Store): (id: string) => string[] {
  const lines = db.prepare('SELECT DISTINCT appEntitlementId, appEntitlementNumber, addonKey FROM transactions WHERE appEntitlementNumber = ? AND _gone_since IS NULL');
  return (id) => {
    const found = new Map<string, ReturnType<Store['load']>>();
    for (const e of [...store.byEntitlement(`i:${id}`), ...store.byEntitlement(`n:${id}`)]) found.set(`${e.ent}\u0000${e.addon}`, e);
    for (const row of lines.all(id) as { appEntitlementId: string | null; appEntitlementNumber: string | null; addonKey: string | null }[]) {
      const ent = entitlementOf(row);
      const key = `${ent}\u0000${row.addonKey ?? ''}`;
      if (ent !== null && !found.has(key)) found.set(key, store.load(ent, row.addonKey ?? ''));
    }
    const days: string[] = [];
    for (const e of found.values()) if (e) days.push(...e.paid);
    return days.sort();
  };
}

/** Whole recompute: every evaluation licence through the covering index, paid days from metric_entitlement. */
export function recomputeAllCohorts(db: Db, store: Store): CellSums {
  const conversion = createConversion();
  const rows = db
    .prepare(`SELECT ${licColumnsSql} FROM licences INDEXED BY metric_licences_cover WHERE _gone_since IS NULL AND (evaluationStartDate IS NOT NULL OR ${validLinkSql})`)
    .iterate() as IterableIterator<LicRow>;
  for (const r of rows) conversion.add(r);
  const cohorts = conversion.finish(store.paidDays());
  saveCohorts(db, cohorts);
  return cohortCells(cohorts);
}

export function cohortCells(cohorts: readonly Cohort[]): CellSums {
  const cells = new CellSums(conversionCells);
  for (const c of cohorts) addCohort(cells, c, 1);
  return cells;
}
