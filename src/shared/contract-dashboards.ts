import { z } from 'zod';
import { aggregateGroupIds, type RecordDatasetId } from './catalogue';
import { dataMethod } from './contract-methods';
import type { FilterModel } from './contract-grid';
import { gridRoute } from './routes';
import { metricDefinitions, type MetricDefinition, type MetricId } from './metric-definitions';

/**
 * Contract of the dashboards: one method, `dashboard.get`, answers any dashboard for the shared
 * controls with chart-ready panels; merged into `methods` in contract.ts. The date presets and
 * the drill-down filter live here so the renderer and the data service agree on them.
 */

export const dashboardIds = ['overview', 'metrics', ...aggregateGroupIds.filter((id) => id !== 'report-access')] as const;
export type DashboardId = (typeof dashboardIds)[number];

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const hostingValues = ['Cloud', 'Data Center', 'Server'] as const;

export const dashboardControlsSchema = z
  .object({
    from: isoDay,
    to: isoDay,
    granularity: z.enum(['week', 'month']).default('month'),
    apps: z.array(z.string().min(1).max(200)).max(200).default([]),
    hosting: z.array(z.enum(hostingValues)).max(3).default([]),
  })
  .strict()
  .refine((c) => c.from <= c.to, { message: 'the range must start on or before its end' })
  .refine((c) => Date.parse(c.to) - Date.parse(c.from) <= 25 * 366 * 86_400_000, { message: 'the range may span at most 25 years' });
export type DashboardControls = z.output<typeof dashboardControlsSchema>;

export const dashboardRequestSchema = z.object({ id: z.enum(dashboardIds), controls: dashboardControlsSchema }).strict();

// ---- date presets (UTC) ----------------------------------------------------------------------

export const dashboardPresets = ['last-30-days', 'last-90-days', 'month-to-date', 'last-month', 'year-to-date', 'last-year', 'custom'] as const;
export type DashboardPreset = (typeof dashboardPresets)[number];

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The range of a preset on `now`'s UTC day (both ends inclusive); null for `custom`. */
export function resolvePreset(preset: DashboardPreset, now: Date): { from: string; to: string } | null {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  const today = dayOf(utc(y, m, d));
  switch (preset) {
    case 'last-30-days':
      return { from: dayOf(utc(y, m, d - 29)), to: today };
    case 'last-90-days':
      return { from: dayOf(utc(y, m, d - 89)), to: today };
    case 'month-to-date':
      return { from: dayOf(utc(y, m, 1)), to: today };
    case 'last-month':
      return { from: dayOf(utc(y, m - 1, 1)), to: dayOf(utc(y, m, 0)) };
    case 'year-to-date':
      return { from: dayOf(utc(y, 0, 1)), to: today };
    case 'last-year':
      return { from: dayOf(utc(y - 1, 0, 1)), to: dayOf(utc(y - 1, 11, 31)) };
    case 'custom':
      return null;
  }
}

// ---- responses -------------------------------------------------------------------------------

export type PanelUnit = 'usd' | 'count' | 'percent' | 'days';
export type PanelChart = 'line' | 'bar' | 'stacked-bar' | 'pie' | 'figures' | 'table';

export interface PanelSeries {
  name: string;
  /** One value per `x` entry; null where there is nothing to show (e.g. a rate of 0 ÷ 0). */
  data: (number | null)[];
  unit?: PanelUnit;
}

export interface KeyFigure {
  id: string;
  label: string;
  value: number | null;
  /** The same figure over the previous period of the same length. */
  previous: number | null;
  unit: PanelUnit;
  metric?: MetricId;
}

/**
 * How a click becomes a grid filter: the x value is a bucket start (`dateColumn`, the bucket
 * spans `granularity`) or a category (`categoryColumn`); the series name filters `seriesColumn`;
 * `fixed` filters always apply; the controls' apps and hosting filter addonKey and hosting.
 */
export interface DrillSpec {
  dataset: RecordDatasetId;
  dateColumn?: string;
  categoryColumn?: string;
  seriesColumn?: string;
  /** Series name → the stored value, where they differ (e.g. "Refunds" → "Refund"). */
  seriesValues?: Record<string, string>;
  fixed?: Record<string, (string | null)[]>;
  /** The date column to limit to the controls' range when x is a category. */
  rangeColumn?: string;
  /** Further grid filters that always apply (e.g. "active on the day"). */
  filters?: FilterModel;
}

export type EmptyReason = 'not-synced' | 'no-data-in-range' | 'no-match';

export interface DashboardPanel {
  id: string;
  title: string;
  chart: PanelChart;
  unit: PanelUnit;
  /** Bucket starts (YYYY-MM-DD) or category names. */
  x: string[];
  xKind: 'date' | 'category';
  series: PanelSeries[];
  figures?: KeyFigure[];
  /** Rows for `table` panels. */
  rows?: Record<string, string | number | null>[];
  empty: { reason: EmptyReason; message: string } | null;
  metric?: MetricId;
  description?: string;
  drill?: DrillSpec;
  notes?: string[];
}

export interface DatasetSyncStatus {
  id: string;
  title: string;
  rows: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface SinceLastSync {
  since: string | null;
  newSales: { count: number; vendorAmount: number };
  newEvaluations: number;
  cancellations: number;
  refunds: { count: number; vendorAmount: number };
  changedRecords: { dataset: string; records: number }[];
}

export interface DashboardResponse {
  id: DashboardId;
  title: string;
  controls: DashboardControls;
  panels: DashboardPanel[];
  /** Metrics tables' as-of day (null until the first refresh). */
  metricsAsOf: string | null;
  /** Overview only. */
  sync?: { sinceLastSync: SinceLastSync; datasets: DatasetSyncStatus[] };
  /** Apps present in the data, for the app filter. */
  apps: { addonKey: string; name: string }[];
  ms: number;
}

export const dashboardMethods = {
  'dashboard.get': dataMethod<DashboardResponse>()(dashboardRequestSchema),
  'dashboard.definitions': dataMethod<Record<MetricId, MetricDefinition>>()(z.object({}).strict()),
} as const;

export { metricDefinitions };

// ---- drill-down ------------------------------------------------------------------------------

function bucketEnd(start: string, granularity: 'week' | 'month'): string {
  const d = new Date(`${start}T00:00:00Z`);
  const end = granularity === 'week' ? utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 6) : utc(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
  return dayOf(end);
}

/** The grid filter model for a click on (x, series) of a panel with a drill spec. */
export function drillFilterModel(drill: DrillSpec, x: string, seriesName: string | null, controls: DashboardControls): FilterModel {
  const model: FilterModel = {};
  const clamp = (from: string, to: string) => ({ from: from < controls.from ? controls.from : from, to: to > controls.to ? controls.to : to });
  if (drill.dateColumn) {
    const r = clamp(x, bucketEnd(x, controls.granularity));
    model[drill.dateColumn] = { filterType: 'date', type: 'inRange', dateFrom: r.from, dateTo: r.to };
  }
  if (drill.categoryColumn) model[drill.categoryColumn] = { filterType: 'set', values: [x === '(none)' ? null : x] };
  if (drill.rangeColumn) model[drill.rangeColumn] = { filterType: 'date', type: 'inRange', dateFrom: controls.from, dateTo: controls.to };
  if (drill.seriesColumn && seriesName !== null) {
    model[drill.seriesColumn] = { filterType: 'set', values: [drill.seriesValues?.[seriesName] ?? seriesName] };
  }
  for (const [column, values] of Object.entries(drill.fixed ?? {})) model[column] = { filterType: 'set', values };
  Object.assign(model, drill.filters ?? {});
  if (controls.apps.length > 0 && !model.addonKey) model.addonKey = { filterType: 'set', values: [...controls.apps] };
  if (controls.hosting.length > 0 && !model.hosting) model.hosting = { filterType: 'set', values: [...controls.hosting] };
  return model;
}

/** The grid route a click opens: the panel's data set with the drill-down filter applied. */
export function drillRoute(drill: DrillSpec, x: string, seriesName: string | null, controls: DashboardControls): string {
  return gridRoute(drill.dataset, { filterModel: drillFilterModel(drill, x, seriesName, controls) });
}

export function isDashboardId(id: string): id is DashboardId {
  return (dashboardIds as readonly string[]).includes(id);
}
