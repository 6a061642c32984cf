/** The "Metrics" dashboard: MRR/ARR, movements, revenue, conversion and active licences. */
import type { DashboardPanel } from '../../shared/contract-dashboards';
import { readActiveLicences, readConversion, readMrrMonths, readRevenue } from '../metrics';
import { alignToBuckets, bucketSql, bucketsBetween, monthsBetweenDays } from './buckets';
import { anyValue, emptyState, type DashboardContext } from './context';
import { formatDay, parseDay } from '../metrics/days';

const shiftDay = (day: string, by: number) => formatDay(parseDay(day)! + by);

/** App names for series labels (the app filter and drill-downs use the keys). */
function appNames(ctx: DashboardContext): Map<string, string> {
  const rows = ctx.db.prepare('SELECT addon_key, name FROM metric_apps').raw(true).all() as [string, string][];
  return new Map(rows);
}

const mrrNote = 'MRR is measured per month (on the month’s last day), whatever the granularity.';

export function mrrPanels(ctx: DashboardContext): DashboardPanel[] {
  const months = monthsBetweenDays(ctx.controls.from, ctx.controls.to);
  const total = readMrrMonths(ctx.db, months[0]!, months.at(-1)!, ctx.filter);
  const byApp = readMrrMonths(ctx.db, months[0]!, months.at(-1)!, ctx.filter, 'addon_key');
  const col = (key: 'mrr' | 'arr' | 'paying' | 'new' | 'expansion' | 'contraction' | 'churn' | 'refunds', sign = 1) =>
    alignToBuckets(months, total.map((r) => [r.month, sign * r[key] || 0]));
  const apps = [...new Set(byApp.map((r) => r.group))];
  const names = appNames(ctx);
  const mrrSeries = [
    { name: 'Total', data: col('mrr') },
    ...(apps.length > 1 ? apps.map((a) => ({ name: names.get(a) ?? a, data: alignToBuckets(months, byApp.filter((r) => r.group === a).map((r) => [r.month, r.mrr])) })) : []),
  ];
  const movement = [
    { name: 'New', data: col('new') },
    { name: 'Expansion', data: col('expansion') },
    { name: 'Contraction', data: col('contraction', -1) },
    { name: 'Churn', data: col('churn', -1) },
    { name: 'Refunds', data: col('refunds', -1) },
  ];
  const base = { x: months, xKind: 'date' as const, notes: [mrrNote] };
  return [
    { id: 'mrr', title: 'Monthly recurring revenue', chart: 'line', unit: 'usd', metric: 'mrr', series: mrrSeries, empty: emptyState(ctx, 'transactions', anyValue(mrrSeries)), ...base },
    { id: 'arr', title: 'Annual run rate', chart: 'line', unit: 'usd', metric: 'arr', series: [{ name: 'ARR', data: col('arr') }], empty: emptyState(ctx, 'transactions', anyValue(mrrSeries)), ...base },
    { id: 'mrr-movements', title: 'MRR movements', chart: 'stacked-bar', unit: 'usd', metric: 'mrr-movements', series: movement, empty: emptyState(ctx, 'transactions', anyValue(movement)), ...base },
    { id: 'paying', title: 'Paying entitlements', chart: 'line', unit: 'count', metric: 'paying-customers', series: [{ name: 'Paying', data: col('paying') }], empty: emptyState(ctx, 'transactions', anyValue(mrrSeries)), ...base },
  ];
}

/** Revenue rows of the controls' range and buckets, read once per request for each grouping. */
function revenueRows(ctx: DashboardContext, groupBy: 'sale_type' | 'addon_key' | 'hosting') {
  const { from, to, granularity } = ctx.controls;
  return ctx.memo(`revenue:${groupBy}`, () => readRevenue(ctx.db, from, to, ctx.filter, bucketSql('day', granularity), groupBy, granularity === 'month'));
}

export function revenuePanel(ctx: DashboardContext, groupBy: 'sale_type' | 'addon_key' | 'hosting' = 'sale_type'): DashboardPanel {
  const { from, to, granularity } = ctx.controls;
  const buckets = bucketsBetween(from, to, granularity);
  const rows = revenueRows(ctx, groupBy);
  const groups = [...new Set(rows.map((r) => r.group))];
  const series = groups.map((g) => ({ name: g === 'Refund' ? 'Refunds' : g || '(none)', data: alignToBuckets(buckets, rows.filter((r) => r.group === g).map((r) => [r.bucket, r.vendorAmount])) }));
  const seriesColumn = groupBy === 'sale_type' ? 'saleType' : groupBy === 'addon_key' ? 'addonKey' : 'hosting';
  return {
    id: `revenue-by-${groupBy.replace('_', '-')}`,
    title: groupBy === 'sale_type' ? 'Revenue by sale type' : groupBy === 'addon_key' ? 'Revenue by app' : 'Revenue by hosting',
    chart: 'stacked-bar',
    unit: 'usd',
    metric: 'revenue',
    x: buckets,
    xKind: 'date',
    series,
    empty: emptyState(ctx, 'transactions', rows.length > 0),
    drill: { dataset: 'transactions', dateColumn: 'saleDate', seriesColumn, seriesValues: { Refunds: 'Refund' } },
  };
}

export function salesCountPanel(ctx: DashboardContext): DashboardPanel {
  const { from, to, granularity } = ctx.controls;
  const buckets = bucketsBetween(from, to, granularity);
  const rows = revenueRows(ctx, 'sale_type');
  const sales = rows.filter((r) => r.group !== 'Refund');
  const series = [
    { name: 'Sales', data: alignToBuckets(buckets, sales.map((r) => [r.bucket, r.lines])) },
    { name: 'of which $0', data: alignToBuckets(buckets, sales.map((r) => [r.bucket, r.zeroLines])) },
    { name: 'Refunds', data: alignToBuckets(buckets, rows.filter((r) => r.group === 'Refund').map((r) => [r.bucket, r.lines])) },
  ];
  return {
    id: 'sales-count',
    title: 'Sales and refunds',
    chart: 'bar',
    unit: 'count',
    metric: 'sales',
    x: buckets,
    xKind: 'date',
    series,
    empty: emptyState(ctx, 'transactions', rows.length > 0),
    drill: { dataset: 'transactions', dateColumn: 'saleDate' },
  };
}

export function conversionPanel(ctx: DashboardContext): DashboardPanel {
  const months = monthsBetweenDays(ctx.controls.from, ctx.controls.to);
  const rows = readConversion(ctx.db, months[0]!, months.at(-1)!, ctx.filter);
  const by = new Map(rows.map((r) => [r.month, r]));
  return {
    id: 'conversion',
    title: 'Evaluation-to-paid conversion by evaluation month',
    chart: 'bar',
    unit: 'count',
    metric: 'conversion',
    x: months,
    xKind: 'date',
    series: [
      { name: 'Evaluations', data: months.map((m) => by.get(m)?.evaluations ?? 0) },
      { name: 'Converted', data: months.map((m) => by.get(m)?.converted ?? 0) },
      { name: 'Conversion rate', unit: 'percent', data: months.map((m) => { const r = by.get(m)?.rate; return r === null || r === undefined ? null : r * 100; }) },
    ],
    empty: emptyState(ctx, 'licences', rows.length > 0),
    drill: { dataset: 'licences', dateColumn: 'evaluationStartDate' },
    notes: ['Evaluations are counted in the month they started (cohorts); recent months may still convert.'],
  };
}

export function activeLicencesPanel(ctx: DashboardContext): DashboardPanel {
  const rows = readActiveLicences(ctx.db, ctx.controls.to, ctx.filter);
  const hostings = [...new Set(rows.map((r) => r.hosting))];
  const series = [...new Set(rows.map((r) => `${r.edition} · ${r.kind}`))].map((name) => ({
    name,
    data: hostings.map((h) => rows.filter((r) => r.hosting === h && `${r.edition} · ${r.kind}` === name).reduce((s, r) => s + r.count, 0)),
  }));
  return {
    id: 'active-licences',
    title: `Active licences on ${ctx.controls.to}`,
    chart: 'stacked-bar',
    unit: 'count',
    metric: 'active-licences',
    x: hostings,
    xKind: 'category',
    series,
    empty: emptyState(ctx, 'licences', rows.length > 0),
    drill: {
      dataset: 'licences',
      categoryColumn: 'hosting',
      // start ≤ day (lessThan is exclusive) and end ≥ day (greaterThan means after the day before).
      // A grid filter cannot say "or no end date", so licences without one are not in the drill-down.
      filters: {
        maintenanceStartDate: { filterType: 'date', type: 'lessThan', dateFrom: shiftDay(ctx.controls.to, 1) },
        maintenanceEndDate: { filterType: 'date', type: 'greaterThan', dateFrom: shiftDay(ctx.controls.to, -1) },
      },
    },
    notes: ['Series are edition · kind (evaluation, paid, free).', 'The drill-down lists licences with a maintenance end date; those without one are counted here but not listed.'],
  };
}

export function metricsDashboard(ctx: DashboardContext): DashboardPanel[] {
  return [...mrrPanels(ctx), revenuePanel(ctx), revenuePanel(ctx, 'addon_key'), salesCountPanel(ctx), conversionPanel(ctx), activeLicencesPanel(ctx)];
}
