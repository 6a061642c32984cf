/** Locally computed metrics (MRR, ARR, movements, conversion, active licences); see src/shared/metric-definitions.ts. */
import type { Db, Migration } from '../store';
import { ensureMetricIndexes } from './refresh';
import { ensureMetricTables } from './schema';
export { refreshMetrics, ensureMetricIndexes, type RefreshMetricsOptions, type RefreshMetricsResult, type StoredSinceLastSync } from './refresh';
export { ensureMetricTables, metricTables, metricStateTables, readMetricState } from './schema';
export { entitlementMonths, buildSegments, type SaleLine, type MonthMovement } from './mrr';
export { monthsBetween, addMonths, parseDay, formatDay } from './days';
export { inListSql, readMrrMonths, readRevenue, readConversion, readConversionBuckets, readActiveLicences, filterSql, type MetricFilter, type MrrMonth, type RevenueRow, type ConversionMonth, type ActiveLicenceCount } from './read';


/**
 * Space migration 2: the metric tables and their covering indexes (cheap on a new file; on an
 * existing one the indexes take seconds, once). Idempotent, so refreshMetrics and getDashboard
 * can still call the same functions to repair a file whose indexes a bulk load dropped.
 */
export const metricsSchemaMigration: Migration = {
  version: 2,
  description: 'pre-aggregated metric tables and their indexes',
  up: (db: Db) => {
    ensureMetricTables(db);
    ensureMetricIndexes(db);
  },
};
