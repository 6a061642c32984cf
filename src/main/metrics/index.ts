/** Locally computed metrics (MRR, ARR, movements, conversion, active licences); see src/shared/metric-definitions.ts. */
import type { Db } from '../store';
import { ensureMetricIndexes } from './refresh';
import { ensureMetricTables } from './schema';
export { refreshMetrics, ensureMetricIndexes, type RefreshMetricsOptions, type RefreshMetricsResult, type StoredSinceLastSync } from './refresh';
export { ensureMetricTables, metricTables } from './schema';
export { entitlementMonths, buildSegments, type SaleLine, type MonthMovement } from './mrr';
export { monthsBetween, addMonths, parseDay, formatDay } from './days';
export { readMrrMonths, readRevenue, readConversion, readConversionBuckets, readActiveLicences, filterSql, type MetricFilter, type MrrMonth, type RevenueRow, type ConversionMonth, type ActiveLicenceCount } from './read';


/**
 * The body of the space migration that adds the metric tables and the covering indexes (cheap
 * on a new file; on an existing one the indexes take seconds, once). Until that migration is
 * numbered in space-schema.ts, refreshMetrics and getDashboard create them on first use.
 */
export function migrateMetrics(db: Db): void {
  ensureMetricTables(db);
  ensureMetricIndexes(db);
}
