/**
 * A transaction line as the metrics read it (the columns of the covering index), and what one
 * line adds to the cash revenue cells. Full and incremental refreshes share these functions, so
 * a line counts the same way in both.
 */
import type { CellSums } from './cells';
import { cellKey, toMicros } from './cells';
import type { SaleLine } from './mrr';

export interface TxRow extends SaleLine {
  _rowid: number;
  appEntitlementId: string | null;
  appEntitlementNumber: string | null;
  addonKey: string | null;
  addonName: string | null;
  hosting: string | null;
  purchasePrice: number | null;
  _first_seen: string;
  _gone_since: string | null;
}

/** The metric columns of a transaction (the ones an incremental refresh restores from the change history). */
export const txFields = ['appEntitlementId', 'appEntitlementNumber', 'addonKey', 'addonName', 'saleDate', 'saleType', 'vendorAmount', 'purchasePrice', 'hosting', 'maintenanceStartDate', 'maintenanceEndDate'] as const;
export const txNumberFields: ReadonlySet<string> = new Set(['vendorAmount', 'purchasePrice']);

export const txColumnsSql = `_rowid, ${txFields.join(', ')}, _first_seen, _gone_since`;

export const transactionIndexSql = `CREATE INDEX IF NOT EXISTS metric_transactions_cover ON transactions
  (appEntitlementId, appEntitlementNumber, addonKey, saleDate, saleType, vendorAmount, purchasePrice, hosting,
   maintenanceStartDate, maintenanceEndDate, addonName, _gone_since, _first_seen)`;

export const isRefundLine = (row: { saleType: string | null; vendorAmount: number | null }): boolean => row.saleType === 'Refund' || (row.vendorAmount ?? 0) < 0;

/**
 * The entitlement a line belongs to: its id, else its number (tagged, so an id never meets an
 * equal number), and its app. Null without either.
 */
export function entitlementOf(row: Pick<TxRow, 'appEntitlementId' | 'appEntitlementNumber'>): string | null {
  if (row.appEntitlementId !== null) return `i:${row.appEntitlementId}`;
  if (row.appEntitlementNumber !== null) return `n:${row.appEntitlementNumber}`;
  return null;
}

export function addRevenue(cells: CellSums, row: TxRow, sign: 1 | -1): void {
  if (!row.saleDate) return;
  const amount = row.vendorAmount ?? 0;
  const type = isRefundLine(row) ? 'Refund' : (row.saleType ?? '');
  const key = cellKey(row.saleDate.slice(0, 10), row.addonKey ?? '', row.hosting ?? '', type);
  cells.add(key, [1, amount === 0 ? 1 : 0, toMicros(amount), toMicros(row.purchasePrice ?? 0)], sign);
}

/** Live records per (app, name): metric_apps names each app by the least of its names, an order-free choice both refreshes agree on. */
export function addAppName(cells: CellSums, row: { addonKey: string | null; addonName: string | null }, sign: 1 | -1): void {
  if (row.addonKey && row.addonName) cells.add(cellKey(row.addonKey, row.addonName), [1], sign);
}

const compareNullable = (a: string | number | null, b: string | number | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/** One order for an entitlement's lines in every refresh, so upgrades and refunds apply alike. */
export function compareLines(a: TxRow, b: TxRow): number {
  return (
    compareNullable(a.saleDate, b.saleDate) ||
    compareNullable(a.saleType, b.saleType) ||
    compareNullable(a.vendorAmount, b.vendorAmount) ||
    compareNullable(a.maintenanceStartDate, b.maintenanceStartDate) ||
    compareNullable(a.maintenanceEndDate, b.maintenanceEndDate) ||
    a._rowid - b._rowid
  );
}
