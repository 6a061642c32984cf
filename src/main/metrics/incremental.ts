/**
 * The incremental refresh: only the cells the changed records touch. Each changed record's old
 * state comes out of the cells and its new state goes in (revenue, active-licence deltas, app
 * names); each entitlement with a changed line has its stored old contribution taken out of the
 * MRR cells and its recomputed one put in; a new as-of day moves only the entitlements whose
 * periods reach the as-of month. All sums are in integers (cells.ts), so the result is the one
 * a full rebuild writes — test/database/metrics/incremental.test.ts checks it table by table.
 */
import type { Db } from '../store';
import { addToCells, appNameCells, CellSums, conversionCells, licenceDeltaCells, revenueDayCells, writeDifferences } from './cells';
import { collectChanges, type RowChange } from './changes';
import { monthOf } from './days';
import { monthsOfDayKeys, writeConversionMonths } from './month-tables';
import { MrrSums, entitlementStore, type EntitlementSummary, summarizeEntitlement } from './entitlement';
import { addLicenceDeltas, hasEvaluation, identOf, isNewEvaluation, licColumnsSql, licFields, type LicRow } from './licence-lines';
import { canRecomputeByEvaluation, recomputeAllCohorts, recomputeCohorts } from './cohorts';
import type { NewRecords } from './new-records';
import { countNewLine, type PassCounts } from './rebuild';
import { addAppName, addRevenue, entitlementOf, txColumnsSql, txFields, txNumberFields, type TxRow } from './transaction-lines';

export interface IncrementalState {
  asOfDay: number;
  changeId: number;
  maxRowid: { transactions: number; licences: number };
}

export interface IncrementalResult extends PassCounts {
  /** Months (YYYY-MM-01) whose revenue day cells changed: summed again. */
  revenueMonths: string[];
  /** The changes of the active-licence deltas (the month snapshots follow them). */
  licenceDeltas: CellSums;
  changedRecords: number;
  /** How the conversion cohorts followed: not at all, per changed evaluation, or whole (no look-up indexes). */
  conversion: 'unchanged' | 'by-evaluation' | 'whole';
}

/** Above this share of a table changed, one full pass is cheaper than record-by-record work. */
const fullPassShare = 0.2;

/**
 * Applies the changes since `state`, or returns null when a full rebuild is needed (changes that
 * cannot be told exactly, or so many that a rebuild is faster). `newRecords` arrives holding the
 * earlier count for the same sync run (or zeros) and leaves adjusted.
 */
export function refreshIncrementally(db: Db, state: IncrementalState, asOfDay: number, since: string | null, newRecords: NewRecords): IncrementalResult | null {
  const tx = collectChanges<TxRow>(db, { dataset: 'transactions', fields: txFields, numberFields: txNumberFields, columnsSql: txColumnsSql }, state.changeId, state.maxRowid.transactions);
  const lic = collectChanges<LicRow>(db, { dataset: 'licences', fields: licFields, numberFields: new Set(), columnsSql: licColumnsSql }, state.changeId, state.maxRowid.licences);
  if (!tx || !lic) return null;
  const rows = {
    transactions: db.prepare('SELECT count(*) FROM transactions').pluck().get() as number,
    licences: db.prepare('SELECT count(*) FROM licences').pluck().get() as number,
  };
  if (tx.size > rows.transactions * fullPassShare || lic.size > rows.licences * fullPassShare) return null;

  const revenue = new CellSums(revenueDayCells);
  const names = new CellSums(appNameCells);
  const mrr = new MrrSums();
  const deltas = new CellSums(licenceDeltaCells);
  const isNew = (r: { _first_seen: string }) => since !== null && r._first_seen >= since;
  const dirty = new Map<string, { ent: string; addon: string }>();
  const markDirty = (r: TxRow) => {
    const ent = entitlementOf(r);
    if (ent !== null) dirty.set(`${ent}\u0000${r.addonKey ?? ''}`, { ent, addon: r.addonKey ?? '' });
  };
  applyEach(tx, (r, sign) => {
    addRevenue(revenue, r, sign);
    addAppName(names, r, sign);
    markDirty(r);
    if (isNew(r)) countNewLine(newRecords, r, sign);
  });
  const evaluations = new Set<string>();
  applyEach(lic, (r, sign) => {
    addLicenceDeltas(deltas, r, sign);
    addAppName(names, r, sign);
    if (isNew(r) && isNewEvaluation(r)) newRecords.newEvaluations += sign;
    const ident = hasEvaluation(r) ? identOf(r) : null;
    if (ident !== null) evaluations.add(ident);
  });

  const store = entitlementStore(db);
  // A later as-of day changes the months from the old as-of month on: in the same month only
  // for the entitlements with an event since (a period starting or ending, a refund); into a new
  // month for every one whose periods reach the old as-of month.
  if (asOfDay !== state.asOfDay) {
    const from = monthOf(state.asOfDay);
    for (const e of monthOf(asOfDay) === from ? store.dueBy(asOfDay) : store.openFrom(from)) {
      if (dirty.has(`${e.ent}\u0000${e.addon}`)) continue;
      mrr.add(e, state.asOfDay, -1, from);
      mrr.add(e, asOfDay, 1, from);
      store.moved(e, asOfDay);
    }
  }
  const changedIds = recomputeEntitlements(db, store, dirty, mrr, state.asOfDay, asOfDay);

  for (const cells of [revenue, names, mrr.toCells(), deltas]) addToCells(db, cells);
  let conversion: IncrementalResult['conversion'] = 'unchanged';
  if (evaluations.size > 0 || changedIds.size > 0) {
    if (canRecomputeByEvaluation(db)) {
      const cohorts = new CellSums(conversionCells);
      recomputeCohorts(db, store, evaluations, changedIds, cohorts);
      addToCells(db, cohorts);
      writeConversionMonths(db, monthsOfDayKeys(cohorts.sums.keys()));
      conversion = 'by-evaluation';
    } else {
      writeDifferences(db, recomputeAllCohorts(db, store));
      writeConversionMonths(db, null);
      conversion = 'whole';
    }
  }
  return {
    conversion,
    entitlements: dirty.size,
    transactions: tx.size,
    rows,
    newRecords,
    revenueMonths: monthsOfDayKeys(revenue.sums.keys()),
    licenceDeltas: deltas,
    changedRecords: tx.size + lic.size,
  };
}

function applyEach<R>(changes: Map<number, RowChange<R>>, apply: (row: R, sign: 1 | -1) => void): void {
  for (const { old, now } of changes.values()) {
    if (old) apply(old, -1);
    if (now) apply(now, 1);
  }
}

/** Each dirty entitlement: its stored contribution out, its lines read again, the new one in. The ids whose paid days changed. */
function recomputeEntitlements(
  db: Db,
  store: ReturnType<typeof entitlementStore>,
  dirty: Map<string, { ent: string; addon: string }>,
  mrr: MrrSums,
  oldAsOf: number,
  asOfDay: number,
): Set<string> {
  const cover = `SELECT ${txColumnsSql} FROM transactions INDEXED BY metric_transactions_cover`;
  const byId = db.prepare(`${cover} WHERE appEntitlementId = ? AND coalesce(addonKey, '') = ? AND _gone_since IS NULL`);
  const byNumber = db.prepare(`${cover} WHERE appEntitlementId IS NULL AND appEntitlementNumber = ? AND coalesce(addonKey, '') = ? AND _gone_since IS NULL`);
  const changedIds = new Set<string>();
  for (const { ent, addon } of dirty.values()) {
    const old = store.load(ent, addon);
    if (old) mrr.add(old, oldAsOf, -1);
    const lines = (ent.startsWith('i:') ? byId : byNumber).all(ent.slice(2), addon) as TxRow[];
    const now = summarizeEntitlement(ent, addon, lines);
    if (now) {
      mrr.add(now, asOfDay, 1);
      store.save(now, asOfDay);
    } else if (old) store.remove(ent, addon);
    if (!samePaidDays(old, now)) for (const id of [...(old?.ids ?? []), ...(now?.ids ?? [])]) changedIds.add(id);
  }
  return changedIds;
}

const paidKey = (e: EntitlementSummary | null) => (e === null || e.paid.length === 0 ? '' : JSON.stringify([e.ids, e.paid]));
const samePaidDays = (a: EntitlementSummary | null, b: EntitlementSummary | null) => paidKey(a) === paidKey(b);
