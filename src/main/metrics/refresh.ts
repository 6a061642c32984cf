import type { Db } from '../store';
import { formatDay, monthLabel, parseDay } from './days';
import { entitlementMonths, type SaleLine } from './mrr';
import { ensureMetricTables, metricTables } from './schema';
import { refreshApps, refreshConversion, refreshLicenceDeltas, refreshRevenue } from './refresh-sql';

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

interface TxRow extends SaleLine {
  ent: string;
  addonKey: string | null;
  hosting: string | null;
}

/**
 * Rebuilds every pre-aggregated metric table from the licences and transactions tables, in one
 * transaction so a dashboard never reads half a refresh. A full rebuild rather than an
 * incremental one: an upgrade or a refund changes an entitlement's past months, and the
 * rebuild of a million transactions is measured in `npm run bench` (bench/dashboards.ts).
 * Synchronous on purpose (better-sqlite3): the sync calls it after writing a page set.
 */
export function refreshMetrics(db: Db, options: RefreshMetricsOptions = {}): RefreshMetricsResult {
  const started = performance.now();
  const asOf = options.asOf ?? (options.now ?? (() => new Date()))().toISOString().slice(0, 10);
  const asOfDay = parseDay(asOf);
  if (asOfDay === null) throw new Error(`asOf is not a date: ${asOf}`);
  ensureMetricTables(db);
  let entitlements = 0;
  let transactions = 0;
  db.transaction(() => {
    for (const table of metricTables) db.exec(`DELETE FROM ${table}`);
    const counted = refreshMrr(db, asOfDay);
    entitlements = counted.entitlements;
    transactions = counted.transactions;
    refreshRevenue(db);
    refreshConversion(db);
    refreshLicenceDeltas(db);
    refreshApps(db);
    const state = db.prepare('INSERT OR REPLACE INTO metric_state (key, value) VALUES (?, ?)');
    state.run('as_of', formatDay(asOfDay));
    state.run('refreshed_at', new Date().toISOString());
  })();
  return { asOf: formatDay(asOfDay), entitlements, transactions, ms: Math.round(performance.now() - started) };
}

interface MrrBucket {
  mrr: number;
  paying: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  refunds: number;
  newCount: number;
  churnCount: number;
}

function refreshMrr(db: Db, asOfDay: number): { entitlements: number; transactions: number } {
  const rows = db
    .prepare(
      `SELECT coalesce(appEntitlementId, appEntitlementNumber) AS ent, addonKey, hosting, saleType, saleDate, vendorAmount,
              maintenanceStartDate, maintenanceEndDate
         FROM transactions
        WHERE _gone_since IS NULL AND coalesce(appEntitlementId, appEntitlementNumber) IS NOT NULL
        ORDER BY ent, addonKey`,
    )
    .iterate() as IterableIterator<TxRow>;
  const buckets = new Map<string, MrrBucket>();
  let entitlements = 0;
  let transactions = 0;
  let group: TxRow[] = [];
  const flush = () => {
    if (group.length === 0) return;
    entitlements++;
    // The entitlement's app and hosting are those of its latest sale.
    const latest = group.reduce((a, b) => ((b.saleDate ?? '') >= (a.saleDate ?? '') ? b : a));
    const addon = latest.addonKey ?? '';
    const hosting = latest.hosting ?? '';
    for (const m of entitlementMonths(group, asOfDay)) {
      const key = `${m.month}\u0000${addon}\u0000${hosting}`;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { mrr: 0, paying: 0, new: 0, expansion: 0, contraction: 0, churn: 0, refunds: 0, newCount: 0, churnCount: 0 }));
      b.mrr += m.mrr;
      b.paying += m.mrr > 0 ? 1 : 0;
      b.new += m.new;
      b.expansion += m.expansion;
      b.contraction += m.contraction;
      b.churn += m.churn;
      b.refunds += m.refunds;
      b.newCount += m.new > 0 ? 1 : 0;
      b.churnCount += m.churn > 0 ? 1 : 0;
    }
    group = [];
  };
  for (const row of rows) {
    transactions++;
    if (group.length > 0 && (group[0]!.ent !== row.ent || group[0]!.addonKey !== row.addonKey)) flush();
    group.push(row);
  }
  flush();
  const insert = db.prepare(
    `INSERT INTO metric_mrr_month (month, addon_key, hosting, mrr, paying, new, expansion, contraction, churn, refunds, new_count, churn_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const [key, b] of buckets) {
    const [month, addon, hosting] = key.split('\u0000') as [string, string, string];
    insert.run(monthLabel(Number(month)), addon, hosting, b.mrr, b.paying, b.new, b.expansion, b.contraction, b.churn, b.refunds, b.newCount, b.churnCount);
  }
  return { entitlements, transactions };
}
