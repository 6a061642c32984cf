/**
 * One ordered pass over the transactions (through the covering index, never the wide rows):
 * per-entitlement MRR months, cash revenue by day, the paid sale days of every entitlement
 * (for conversion), and what is new since a given time.
 */
import type { Db } from '../store';
import { entitlementMonths, type SaleLine } from './mrr';

export interface MrrBucket {
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

export interface RevenueBucket {
  lines: number;
  zeroLines: number;
  vendorAmount: number;
  purchasePrice: number;
}

export interface TransactionPass {
  /** Key: month index \0 app \0 hosting. */
  mrr: Map<string, MrrBucket>;
  /** Key: day \0 app \0 hosting \0 sale type. */
  revenue: Map<string, RevenueBucket>;
  /** Entitlement id or number → its paid sale days (YYYY-MM-DD), ascending. */
  paidDays: Map<string, string[]>;
  apps: Map<string, string>;
  entitlements: number;
  transactions: number;
  /** Rows in the table, gone ones included (what the data set status shows). */
  rows: number;
  /** Lines first seen at or after `since` (the last sync run's start). */
  newSales: { count: number; vendorAmount: number };
  newRefunds: { count: number; vendorAmount: number };
}

interface TxRow extends SaleLine {
  appEntitlementId: string | null;
  appEntitlementNumber: string | null;
  addonKey: string | null;
  addonName: string | null;
  hosting: string | null;
  purchasePrice: number | null;
  _first_seen: string;
  _gone_since: string | null;
}

export const transactionIndexSql = `CREATE INDEX IF NOT EXISTS metric_transactions_cover ON transactions
  (appEntitlementId, appEntitlementNumber, addonKey, saleDate, saleType, vendorAmount, purchasePrice, hosting,
   maintenanceStartDate, maintenanceEndDate, addonName, _gone_since, _first_seen)`;

export function passTransactions(db: Db, asOfDay: number, since: string | null): TransactionPass {
  const rows = db
    .prepare(
      `SELECT appEntitlementId, appEntitlementNumber, addonKey, addonName, saleDate, saleType, vendorAmount, purchasePrice, hosting,
              maintenanceStartDate, maintenanceEndDate, _first_seen, _gone_since
         FROM transactions INDEXED BY metric_transactions_cover
        ORDER BY appEntitlementId, appEntitlementNumber, addonKey`,
    )
    .iterate() as IterableIterator<TxRow>;
  const out: TransactionPass = {
    mrr: new Map(),
    revenue: new Map(),
    paidDays: new Map(),
    apps: new Map(),
    entitlements: 0,
    transactions: 0,
    rows: 0,
    newSales: { count: 0, vendorAmount: 0 },
    newRefunds: { count: 0, vendorAmount: 0 },
  };
  let group: TxRow[] = [];
  let groupKey = '';
  for (const row of rows) {
    out.rows++;
    if (row._gone_since !== null) continue;
    out.transactions++;
    countRevenue(out, row);
    if (since !== null && row._first_seen >= since) {
      const amount = row.vendorAmount ?? 0;
      const bucket = row.saleType === 'Refund' || amount < 0 ? out.newRefunds : out.newSales;
      bucket.count++;
      bucket.vendorAmount += amount;
    }
    const ent = row.appEntitlementId ?? row.appEntitlementNumber;
    if (ent === null) continue;
    const key = `${ent}\u0000${row.addonKey ?? ''}`;
    if (key !== groupKey) {
      addEntitlement(out, group, asOfDay);
      group = [];
      groupKey = key;
    }
    group.push(row);
  }
  addEntitlement(out, group, asOfDay);
  return out;
}

function countRevenue(out: TransactionPass, row: TxRow): void {
  if (row.addonKey && row.addonName && !out.apps.has(row.addonKey)) out.apps.set(row.addonKey, row.addonName);
  if (!row.saleDate) return;
  const amount = row.vendorAmount ?? 0;
  const type = row.saleType === 'Refund' || amount < 0 ? 'Refund' : (row.saleType ?? '');
  const key = `${row.saleDate.slice(0, 10)}\u0000${row.addonKey ?? ''}\u0000${row.hosting ?? ''}\u0000${type}`;
  let b = out.revenue.get(key);
  if (!b) out.revenue.set(key, (b = { lines: 0, zeroLines: 0, vendorAmount: 0, purchasePrice: 0 }));
  b.lines++;
  b.zeroLines += amount === 0 ? 1 : 0;
  b.vendorAmount += amount;
  b.purchasePrice += row.purchasePrice ?? 0;
}

function addEntitlement(out: TransactionPass, group: TxRow[], asOfDay: number): void {
  if (group.length === 0) return;
  out.entitlements++;
  // The entitlement's app and hosting are those of its latest sale.
  const latest = group.reduce((a, b) => ((b.saleDate ?? '') >= (a.saleDate ?? '') ? b : a));
  const prefix = `\u0000${latest.addonKey ?? ''}\u0000${latest.hosting ?? ''}`;
  for (const m of entitlementMonths(group, asOfDay)) {
    const key = `${m.month}${prefix}`;
    let b = out.mrr.get(key);
    if (!b) out.mrr.set(key, (b = { mrr: 0, paying: 0, new: 0, expansion: 0, contraction: 0, churn: 0, refunds: 0, newCount: 0, churnCount: 0 }));
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
  const paid = group
    .filter((r) => (r.vendorAmount ?? 0) > 0 && r.saleType !== 'Refund' && r.saleDate)
    .map((r) => r.saleDate!.slice(0, 10))
    .sort();
  if (paid.length === 0) return;
  for (const id of new Set(group.flatMap((r) => [r.appEntitlementId, r.appEntitlementNumber]))) {
    if (id === null) continue;
    const days = out.paidDays.get(id);
    out.paidDays.set(id, days ? [...days, ...paid].sort() : paid);
  }
}
