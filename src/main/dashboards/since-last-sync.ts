/**
 * "Since the last sync": what the last finished sync run brought in. New records are those
 * first seen since the run started; changes are the change history written since then.
 */
import { recordDatasets } from '../../shared/catalogue';
import type { DatasetSyncStatus, SinceLastSync } from '../../shared/contract-dashboards';
import { readMetricState, type StoredSinceLastSync } from '../metrics';
import { quoteIdent, type Db } from '../store';

/**
 * The first rowid of `table` whose `_first_seen` is at or after `since`. Rows are appended in
 * the order they are first seen, so `_first_seen` grows with the rowid: a binary search of ~20
 * point reads replaces a scan of a million rows. The caller still filters on `_first_seen`, so a
 * row out of order near the boundary is never counted wrongly, at worst missed.
 */
export function firstRowidSince(db: Db, table: 'transactions' | 'licences', since: string): number | null {
  const t = quoteIdent(table);
  const bounds = db.prepare(`SELECT min(_rowid) AS lo, max(_rowid) AS hi FROM ${t}`).get() as { lo: number | null; hi: number | null };
  if (bounds.lo === null || bounds.hi === null) return null;
  const seenAt = db.prepare(`SELECT _first_seen FROM ${t} WHERE _rowid >= ? ORDER BY _rowid LIMIT 1`).pluck();
  let lo = bounds.lo;
  let hi = bounds.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const v = seenAt.get(mid) as string | undefined;
    if (v !== undefined && v >= since) hi = mid;
    else lo = mid + 1;
  }
  return lo > bounds.hi ? null : lo;
}

export function readSinceLastSync(db: Db): SinceLastSync {
  const run = db.prepare("SELECT started_at FROM sync_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1").get() as { started_at: string } | undefined;
  const empty: SinceLastSync = { since: null, newSales: { count: 0, vendorAmount: 0 }, newEvaluations: 0, cancellations: 0, refunds: { count: 0, vendorAmount: 0 }, changedRecords: [] };
  if (!run) return empty;
  const since = run.started_at;
  const result: SinceLastSync = { ...empty, since };
  const stored = readStored(db);
  if (stored?.since === since) {
    // Counted by the metrics refresh that ran with this sync: no scan needed.
    result.newSales = stored.newSales;
    result.refunds = stored.refunds;
    result.newEvaluations = stored.newEvaluations;
  } else {
    countNewRecords(db, since, result);
  }
  result.cancellations = db
    .prepare("SELECT count(DISTINCT record_key) FROM change_history WHERE seen_at >= ? AND dataset = 'licences' AND field = 'status' AND lower(new_value) = 'cancelled'")
    .pluck()
    .get(since) as number;
  result.changedRecords = db
    .prepare('SELECT dataset, count(DISTINCT record_key) AS records FROM change_history WHERE seen_at >= ? GROUP BY dataset ORDER BY dataset')
    .all(since) as { dataset: string; records: number }[];
  return result;
}

const readStored = (db: Db) => readMetricState(db, 'since_last_sync') as StoredSinceLastSync | null;

/** New sales, refunds and evaluations first seen since `since` (and not gone), from the rows themselves; amounts summed in micros as the refresh sums them. */
function countNewRecords(db: Db, since: string, result: SinceLastSync): void {
  const txFrom = firstRowidSince(db, 'transactions', since);
  if (txFrom !== null) {
    const rows = db
      .prepare(
        `SELECT (saleType = 'Refund' OR vendorAmount < 0) AS refund, count(*) AS n, coalesce(sum(CAST(round(vendorAmount * 1000000) AS INTEGER)), 0) / 1000000.0 AS amount
           FROM transactions WHERE _rowid >= ? AND _first_seen >= ? AND _gone_since IS NULL GROUP BY 1`,
      )
      .all(txFrom, since) as { refund: number; n: number; amount: number }[];
    for (const r of rows) {
      if (r.refund) result.refunds = { count: r.n, vendorAmount: r.amount };
      else result.newSales = { count: r.n, vendorAmount: r.amount };
    }
  }
  const licFrom = firstRowidSince(db, 'licences', since);
  if (licFrom !== null) {
    result.newEvaluations = db
      .prepare("SELECT count(*) FROM licences WHERE _rowid >= ? AND _first_seen >= ? AND _gone_since IS NULL AND (licenseType = 'EVALUATION' OR evaluationStartDate IS NOT NULL)")
      .pluck()
      .get(licFrom, since) as number;
  }
}

export function readDatasetStatus(db: Db): DatasetSyncStatus[] {
  const states = new Map(
    (db.prepare('SELECT dataset, last_success_at, last_error FROM dataset_state').all() as { dataset: string; last_success_at: string | null; last_error: string | null }[]).map((s) => [s.dataset, s]),
  );
  // The two big tables were counted by the metrics refresh that follows every sync writing them.
  const stored = readMetricState(db, 'rows');
  const counted = stored !== null && typeof stored === 'object' ? (stored as Record<string, number>) : {};
  return recordDatasets.map((d) => {
    const s = states.get(d.id);
    const rows = counted[d.id] ?? (db.prepare(`SELECT count(*) FROM ${quoteIdent(d.table)}`).pluck().get() as number);
    return { id: d.id, title: d.title, rows, lastSuccessAt: s?.last_success_at ?? null, lastError: s?.last_error ?? null };
  });
}
