/**
 * The full rebuild: one ordered pass over the transactions and one over the licences, each
 * through its covering index (the rows themselves are wide: they carry the raw record).
 */
import type { Db } from '../store';
import { appNameCells, CellSums, toMicros, licenceDeltaCells, replaceCells, revenueDayCells } from './cells';
import { MrrSums, addPaidDays, entitlementStore, sortPaidDays, storedValues, summarizeEntitlement } from './entitlement';
import { addLicenceDeltas, createConversion, isNewEvaluation, licColumnsSql, type LicRow } from './licence-lines';
import { addAppName, addRevenue, entitlementOf, isRefundLine, txColumnsSql, type TxRow } from './transaction-lines';
import { emptyNewRecords, type NewRecords } from './new-records';
import { cohortCells, saveCohorts } from './cohorts';

export interface PassCounts {
  entitlements: number;
  transactions: number;
  /** Rows in each table, gone ones included (what the data set status shows). */
  rows: { transactions: number; licences: number };
  newRecords: NewRecords;
}

export function rebuildMetrics(db: Db, asOfDay: number, since: string | null): PassCounts {
  for (const table of ['metric_mrr_month', 'metric_revenue_day', 'metric_licence_delta', 'metric_conversion_day', 'metric_app_name', 'metric_entitlement'])
    db.exec(`DELETE FROM ${table}`);
  const counts: PassCounts = { entitlements: 0, transactions: 0, rows: { transactions: 0, licences: 0 }, newRecords: emptyNewRecords() };
  const revenue = new CellSums(revenueDayCells);
  const mrr = new MrrSums();
  const names = new CellSums(appNameCells);
  const paidDays = new Map<string, string[]>();
  const pending: ReturnType<typeof storedValues>[] = [];

  // Lines grouped by entitlement: the index order keeps an entitlement's lines together; its apps apart.
  let ent: string | null = null;
  let byApp = new Map<string, TxRow[]>();
  const flush = () => {
    for (const [addon, lines] of byApp) {
      counts.entitlements++;
      const e = summarizeEntitlement(ent!, addon, lines);
      if (!e) continue;
      mrr.add(e, asOfDay, 1);
      addPaidDays(paidDays, e);
      pending.push(storedValues(e, asOfDay));
    }
    byApp = new Map();
  };
  const txRows = db
    .prepare(`SELECT ${txColumnsSql} FROM transactions INDEXED BY metric_transactions_cover ORDER BY appEntitlementId, appEntitlementNumber, addonKey`)
    .iterate() as IterableIterator<TxRow>;
  for (const row of txRows) {
    counts.rows.transactions++;
    if (row._gone_since !== null) continue;
    counts.transactions++;
    addRevenue(revenue, row, 1);
    addAppName(names, row, 1);
    if (since !== null && row._first_seen >= since) countNewLine(counts.newRecords, row, 1);
    const e = entitlementOf(row);
    if (e === null) continue;
    if (e !== ent) {
      flush();
      ent = e;
    }
    const addon = row.addonKey ?? '';
    const lines = byApp.get(addon);
    if (lines) lines.push(row);
    else byApp.set(addon, [row]);
  }
  flush();
  sortPaidDays(paidDays);
  // Key order (ent, addon): appends, not random B-tree inserts.
  pending.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  entitlementStore(db).saveAll(pending);
  pending.length = 0;

  const deltas = new CellSums(licenceDeltaCells);
  const conversion = createConversion();
  const licRows = db.prepare(`SELECT ${licColumnsSql} FROM licences INDEXED BY metric_licences_cover`).iterate() as IterableIterator<LicRow>;
  for (const r of licRows) {
    counts.rows.licences++;
    if (r._gone_since !== null) continue;
    addLicenceDeltas(deltas, r, 1);
    addAppName(names, r, 1);
    if (since !== null && r._first_seen >= since && isNewEvaluation(r)) counts.newRecords.newEvaluations++;
    conversion.add(r);
  }
  const cohorts = conversion.finish(paidDays);
  saveCohorts(db, cohorts);
  for (const cells of [revenue, mrr.toCells(), names, deltas, cohortCells(cohorts)]) replaceCells(db, cells);
  return counts;
}

/** A line first seen in the last sync run, in its sales or refunds (sign −1 takes an earlier count out). */
export function countNewLine(out: NewRecords, row: TxRow, sign: 1 | -1): void {
  const bucket = isRefundLine(row) ? out.refunds : out.newSales;
  bucket.count += sign;
  bucket.micros += sign * toMicros(row.vendorAmount ?? 0);
}
