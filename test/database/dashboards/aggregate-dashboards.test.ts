import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardControlsSchema, dashboardIds, type DashboardPanel } from '../../../src/shared/contract-dashboards';
import { getDashboard } from '../../../src/main/dashboards';
import { type Db } from '../../../src/main/store';
import { openSpaceDatabase } from '../../../src/main/space-database';

let dir: string;
let db: Db;

function put(endpoint: string, variant: string, scope: string, dataset: string, series: string, date: string, measures: Record<string, unknown>) {
  db.prepare(
    `INSERT INTO aggregate_series (endpoint, variant, scope, addon_key, product_id, dataset, series, date, measures, fetched_at)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, '2025-04-01T00:00:00Z')`,
  ).run(endpoint, variant, scope, scope === 'total' ? null : scope, dataset, series, date, JSON.stringify(measures));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-agg-'));
  db = openSpaceDatabase(join(dir, 's.sqlite'));
  // Weekly elements dated on Sundays, as the API sends them.
  for (const [date, cloud, dc] of [
    ['2025-02-16', 100, 40],
    ['2025-02-23', 200, 60],
    ['2025-03-02', 300, 80],
  ] as const) {
    put('transactions-by-metric', 'hosting', 'total', '', 'Cloud', date, { count: 3, netCount: 2, revenue: cloud });
    put('transactions-by-metric', 'hosting', 'total', '', 'Data Center', date, { count: 1, netCount: 1, revenue: dc });
    put('transactions-by-metric', 'hosting', 'app-a', '', 'Cloud', date, { count: 1, netCount: 1, revenue: cloud / 4 });
  }
  for (const [dataset, customers, cancellations] of [
    ['Monthly', 200, 10],
    ['Annual', 50, 0],
  ] as const) {
    put('sales-metrics-churn', '', 'total', dataset, 'Customers', '2025-02-01', { count: customers, uniqueTotal: customers });
    put('sales-metrics-churn', '', 'total', dataset, 'Cancellations', '2025-02-01', { count: cancellations, uniqueTotal: cancellations });
  }
  put('churn-benchmark', '', 'total', '', '', '2025-02-01', { churnRate: 5, churnRateBenchmark: 3, isolatedChurnRate: 2, isolatedChurnRateBenchmark: 1 });
  put('churn-benchmark', '', 'total', '', '', '2025-03-01', { churnRate: 7, churnRateBenchmark: 3, isolatedChurnRate: 2, isolatedChurnRateBenchmark: 1 });
  // Two keyword snapshots: only the latest in the range is listed.
  put('search-keywords-by-source', 'marketplace', 'total', '', 'gantt', '2025-02-28', { percentage: 9 });
  put('search-keywords-by-source', 'marketplace', 'total', '', 'gantt', '2025-03-31', { percentage: 4 });
  put('search-keywords-by-source', 'marketplace', 'total', '', 'timesheet', '2025-03-31', { percentage: 6 });
  // The aggregated keywords' total has no elements: its chart sums the apps' elements.
  put('search-keywords-aggregated', '', 'total', '', '', '2025-03-31', { searchAppearances: 402 });
  put('search-keywords-aggregated', '', 'app-a', '', 'gantt', '2025-03-02', { count: 200 });
  put('search-keywords-aggregated', '', 'app-b', '', 'gantt', '2025-03-09', { count: 50 });
  // Partner metrics, asked three ways for installs and once per app version type for GMV.
  put('partner-metrics-time-series', 'installs', 'app-a', '', '', '2025-02-03', { installCounts: 1000 });
  put('partner-metrics-time-series', 'installs-major', 'app-a', '', '7.x.x', '2025-02-03', { installCounts: 600 });
  put('partner-metrics-time-series', 'installs-major', 'app-a', '', '8.x.x', '2025-02-03', { installCounts: 400 });
  put('partner-metrics-time-series', 'gmv-runs_on_atlassian', 'app-a', '', 'RUNS_ON_ATLASSIAN', '2025-02-01', { lifetimeGmv: 52000 });
  put('partner-metrics-time-series', 'gmv-runs_on_atlassian', 'app-b', '', 'RUNS_ON_ATLASSIAN', '2025-02-01', { lifetimeGmv: 8000 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const controls = (c: object = {}) => dashboardControlsSchema.parse({ from: '2025-02-01', to: '2025-03-31', ...c });
const find = (panels: DashboardPanel[], prefix: string) => panels.find((p) => p.id.startsWith(prefix))!;

describe('aggregate dashboards', () => {
  it('revenue by hosting: weekly Sundays summed into months, one panel per metric path value', () => {
    const d = getDashboard(db, 'revenue', controls());
    expect(d.panels.map((p) => p.id)).toEqual(['country', 'hosting', 'partner', 'region', 'tier', 'type'].map((v) => `transactions-by-metric-${v}-0`));
    const p = find(d.panels, 'transactions-by-metric-hosting');
    expect(p.x).toEqual(['2025-02-01', '2025-03-01']);
    expect(p.series).toEqual([
      { name: 'Cloud', data: [300, 300] },
      { name: 'Data Center', data: [100, 80] },
    ]);
    expect(p.empty).toBeNull();
    expect(p.drill).toEqual({ dataset: 'transactions', dateColumn: 'saleDate', seriesColumn: 'hosting' });
    expect(find(d.panels, 'transactions-by-metric-country').empty?.reason).toBe('no-data-in-range');
  });

  it('week granularity puts a Sunday in the week that started the Monday before; apps select app rows', () => {
    const p = find(getDashboard(db, 'revenue', controls({ granularity: 'week', apps: ['app-a'] })).panels, 'transactions-by-metric-hosting');
    expect(p.x.slice(0, 4)).toEqual(['2025-01-27', '2025-02-03', '2025-02-10', '2025-02-17']);
    expect(p.series).toEqual([{ name: 'Cloud', data: [null, null, 25, 50, 75, null, null, null, null, null] }]);
  });

  it('the hosting filter is flagged where the report has no hosting split', () => {
    const p = find(getDashboard(db, 'churn-retention', controls({ hosting: ['Cloud'] })).panels, 'sales-metrics-churn');
    expect(p.notes?.[0]).toMatch(/hosting filter does not apply/);
  });

  it('churn: counts per dataset and the churn rate computed from them', () => {
    const d = getDashboard(db, 'churn-retention', controls());
    const churn = find(d.panels, 'sales-metrics-churn');
    const by = Object.fromEntries(churn.series.map((s) => [s.name, s.data]));
    expect(by['Monthly · Customers']).toEqual([200, null]);
    expect(by['Churn rate · Monthly']).toEqual([5, null]);
    expect(by['Churn rate · Annual']).toEqual([0, null]);
    expect(churn.series.find((s) => s.name === 'Churn rate · Monthly')?.unit).toBe('percent');
    const bench = find(d.panels, 'churn-benchmark');
    expect(bench.series.map((s) => [s.name, s.data])).toContainEqual(['churnRate', [5, 7]]);
    // Rates average within a bucket rather than add up.
    const quarter = find(getDashboard(db, 'churn-retention', controls({ from: '2025-02-01', to: '2025-02-28', granularity: 'month' })).panels, 'churn-benchmark');
    expect(quarter.series[0]!.data).toEqual([5]);
    expect(find(d.panels, 'sales-metrics-renewal').empty?.reason).toBe('not-synced');
  });

  it('keyword lists show the latest report whatever the range, largest first', () => {
    const d = getDashboard(db, 'search', controls());
    const p = find(d.panels, 'search-keywords-by-source-marketplace');
    expect(p.xKind).toBe('category');
    expect(p.x).toEqual(['timesheet', 'gantt']);
    expect(p.series).toEqual([{ name: 'percentage', data: [6, 4] }]);
    expect(find(d.panels, 'search-keywords-by-source-embedded-marketplace').empty?.reason).toBe('no-data-in-range');
  });

  it('falls back to the apps when the total lacks the figure; partner metrics keep their variants apart', () => {
    const search = find(getDashboard(db, 'search', controls()).panels, 'search-keywords-aggregated');
    expect(search.series).toEqual([{ name: 'gantt', data: [null, 250] }]);
    const installs = getDashboard(db, 'installs-gmv', controls({ apps: ['app-a'] })).panels;
    expect(installs.map((p) => p.title)).toEqual(['Installs by week', 'Installs by parent major version', 'Installs by parent minor version', 'GMV by month']);
    expect(installs[0]!.series).toEqual([{ name: 'All', data: [1000, null] }]);
    expect(installs[1]!.series.map((s) => [s.name, s.data[0]])).toEqual([
      ['7.x.x', 600],
      ['8.x.x', 400],
    ]);
    expect(installs[2]!.empty?.reason).toBe('no-match');
    const gmv = find(getDashboard(db, 'installs-gmv', controls()).panels, 'partner-metrics-time-series-3');
    expect(gmv.series).toEqual([{ name: 'RUNS_ON_ATLASSIAN', data: [60000, null] }]);
  });

  it('every dashboard answers on an empty space with panels that each say why they are empty', () => {
    const empty = openSpaceDatabase(join(dir, 'empty.sqlite'));
    try {
      for (const id of dashboardIds) {
        const d = getDashboard(empty, id, controls());
        expect(d.panels.length, id).toBeGreaterThan(0);
        for (const p of d.panels) expect(p.empty?.reason, `${id}/${p.id}`).toBe('not-synced');
      }
    } finally {
      empty.close();
    }
  });
});
