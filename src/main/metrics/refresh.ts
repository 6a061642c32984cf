import type { Db } from '../store';
import { formatDay, monthLabel, parseDay } from './days';
import { passLicences, licenceIndexSql } from './pass-licences';
import { passTransactions, transactionIndexSql } from './pass-transactions';
import { ensureMetricTables, metricTables } from './schema';
import { writeLicenceMonths } from './licence-months';

export interface RefreshMetricsOptions {
  /** The day MRR of the current month is taken on (YYYY-MM-DD, UTC); default today. */
  asOf?: string;
  now?: () => Date;
}

export interface RefreshMetricsResult {
  asOf: string;
  entitlements: number;
  transactions: number;
  ms: number;
}

/** New records of the last sync run, kept with the metrics so the overview needs no scan. */
export interface StoredSinceLastSync {
  since: string;
  newSales: { count: number; vendorAmount: number };
  refunds: { count: number; vendorAmount: number };
  newEvaluations: number;
}

/**
 * Rebuilds every pre-aggregated metric table from the licences and transactions tables, in one
 * transaction so a dashboard never reads half a refresh. A full rebuild rather than an
 * incremental one: an upgrade or a refund changes an entitlement's past months. It reads each
 * record table once, through a covering index (the rows themselves are wide: they carry the raw
 * record), so its time is measured in `npm run bench -- dashboards`. Synchronous on purpose
 * (better-sqlite3): the sync calls it after writing transactions or licences, before it marks
 * its run finished, so "since the last sync" is counted against that run.
 */
export function refreshMetrics(db: Db, options: RefreshMetricsOptions = {}): RefreshMetricsResult {
  const started = performance.now();
  const asOf = options.asOf ?? (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const asOfDay = parseDay(asOf);
  if (asOfDay === null) throw new Error(`asOf is not a date: ${asOf}`);
  ensureMetricTables(db);
  ensureMetricIndexes(db);
  let result: RefreshMetricsResult = { asOf: formatDay(asOfDay), entitlements: 0, transactions: 0, ms: 0 };
  db.transaction(() => {
    const since = (db.prepare('SELECT started_at FROM sync_runs ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
    const tx = passTransactions(db, asOfDay, since);
    const lic = passLicences(db, tx.paidDays, since);
    for (const table of metricTables) db.exec(`DELETE FROM ${table}`);
    const mrr = db.prepare(
      `INSERT INTO metric_mrr_month (month, addon_key, hosting, mrr, paying, new, expansion, contraction, churn, refunds, new_count, churn_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [key, b] of tx.mrr) {
      const [month, addon, hosting] = key.split('\u0000') as [string, string, string];
      mrr.run(monthLabel(Number(month)), addon, hosting, b.mrr, b.paying, b.new, b.expansion, b.contraction, b.churn, b.refunds, b.newCount, b.churnCount);
    }
    const revenue = db.prepare('INSERT INTO metric_revenue_day (day, addon_key, hosting, sale_type, lines, zero_lines, vendor_amount, purchase_price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const [key, b] of tx.revenue) revenue.run(...key.split('\u0000'), b.lines, b.zeroLines, b.vendorAmount, b.purchasePrice);
    db.exec(`INSERT INTO metric_revenue_month (month, addon_key, hosting, sale_type, lines, zero_lines, vendor_amount, purchase_price)
      SELECT substr(day, 1, 7) || '-01', addon_key, hosting, sale_type, sum(lines), sum(zero_lines), total(vendor_amount), total(purchase_price)
        FROM metric_revenue_day GROUP BY 1, 2, 3, 4`);
    const conversion = db.prepare('INSERT INTO metric_conversion_day (day, addon_key, hosting, evaluations, converted, days_to_convert) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [key, b] of lic.conversion) conversion.run(...key.split('\u0000'), b.evaluations, b.converted, b.daysToConvert);
    const delta = db.prepare('INSERT INTO metric_licence_delta (day, addon_key, hosting, edition, kind, delta) VALUES (?, ?, ?, ?, ?, ?)');
    for (const [key, d] of lic.deltas) if (d !== 0) delta.run(...key.split('\u0000'), d);
    writeLicenceMonths(db, lic.deltas, asOfDay);
    db.prepare('INSERT OR REPLACE INTO metric_state (key, value) VALUES (?, ?)').run('rows', JSON.stringify({ transactions: tx.rows, licences: lic.rows }));
    const app = db.prepare('INSERT INTO metric_apps (addon_key, name) VALUES (?, ?)');
    for (const [key, name] of new Map([...tx.apps, ...lic.apps])) app.run(key, name);
    const state = db.prepare('INSERT OR REPLACE INTO metric_state (key, value) VALUES (?, ?)');
    state.run('as_of', formatDay(asOfDay));
    state.run('refreshed_at', new Date().toISOString());
    if (since !== null) {
      const stored: StoredSinceLastSync = { since, newSales: tx.newSales, refunds: tx.newRefunds, newEvaluations: lic.newEvaluations };
      state.run('since_last_sync', JSON.stringify(stored));
    }
    result = { ...result, entitlements: tx.entitlements, transactions: tx.transactions };
  })();
  return { ...result, ms: Math.round(performance.now() - started) };
}

/**
 * Covering indexes the passes read instead of the record rows. Built once (seconds on a
 * million rows, on the first refresh of an existing file), then kept by SQLite on every write.
 */
export function ensureMetricIndexes(db: Db): void {
  db.exec(transactionIndexSql);
  db.exec(licenceIndexSql);
}
