/** Locally computed metrics (MRR, ARR, movements, conversion, active licences); see src/shared/metric-definitions.ts. */
export { refreshMetrics, ensureMetricIndexes, type RefreshMetricsOptions, type RefreshMetricsResult, type StoredSinceLastSync } from './refresh';
export { ensureMetricTables, metricTables } from './schema';
export { entitlementMonths, buildSegments, type SaleLine, type MonthMovement } from './mrr';
export { monthsBetween, addMonths, parseDay, formatDay } from './days';
export { readMrrMonths, readRevenue, readConversion, readConversionBuckets, readActiveLicences, filterSql, type MetricFilter, type MrrMonth, type RevenueRow, type ConversionMonth, type ActiveLicenceCount } from './read';
