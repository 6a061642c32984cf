import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardControlsSchema, drillFilterModel, drillRoute } from '../../../src/shared/contract-dashboards';
import { gridQueryRequestSchema } from '../../../src/shared/contract-grid';
import { parseGridRoute } from '../../../src/shared/routes';
import { getDashboard } from '../../../src/main/dashboards';
import { refreshMetrics } from '../../../src/main/metrics';
import { queryGrid } from '../../../src/main/query/grid-query';
import { type Db } from '../../../src/main/store';
import { A, asOf, seedFixture } from '../metrics/fixture';
import { openSpaceDatabase } from '../../../src/main/space-database';

let dir: string;
let db: Db;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-drill-'));
  db = openSpaceDatabase(join(dir, 's.sqlite'));
  seedFixture(db);
  refreshMetrics(db, { asOf });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the grid query a drill-down opens and returns the vendor amounts of its rows. */
function drilledAmounts(dataset: 'transactions' | 'licences', filterModel: object, column: string): (string | number | null)[] {
  const request = gridQueryRequestSchema.parse({ dataset, filterModel, columns: [column], startRow: 0, endRow: 1000 });
  const response = queryGrid({ db, now: new Date(`${asOf}T12:00:00Z`) }, request);
  const at = response.columns.indexOf(column) + 2; // rows are [key, flags, ...values]
  return response.rows.map((r) => r[at]!);
}

describe('drill-down', () => {
  it('a bar of revenue opens exactly the transactions behind it', () => {
    const controls = dashboardControlsSchema.parse({ from: '2025-01-01', to: '2025-06-15', granularity: 'month' });
    const panel = getDashboard(db, 'metrics', controls).panels.find((p) => p.id === 'revenue-by-sale-type')!;
    for (const series of panel.series) {
      panel.x.forEach((x, i) => {
        const amounts = drilledAmounts('transactions', drillFilterModel(panel.drill!, x, series.name, controls), 'vendorAmount');
        expect(amounts.reduce<number>((s, v) => s + Number(v), 0), `${series.name} ${x}`).toBeCloseTo(series.data[i] ?? 0, 6);
      });
    }
  });

  it('with the app filter, and through the grid route the renderer opens', () => {
    const controls = dashboardControlsSchema.parse({ from: '2025-03-01', to: '2025-03-31', apps: [A] });
    const panel = getDashboard(db, 'metrics', controls).panels.find((p) => p.id === 'revenue-by-sale-type')!;
    const route = parseGridRoute(drillRoute(panel.drill!, '2025-03-01', 'Refunds', controls))!;
    expect(route.dataset).toBe('transactions');
    const view = route.view as { filterModel: object };
    expect(drilledAmounts('transactions', view.filterModel, 'vendorAmount')).toEqual([-1200]);
  });

  it('active licences open the licences covering the day', () => {
    const controls = dashboardControlsSchema.parse({ from: '2025-01-01', to: '2025-03-10' });
    const panel = getDashboard(db, 'metrics', controls).panels.find((p) => p.id === 'active-licences')!;
    const keys = drilledAmounts('licences', drillFilterModel(panel.drill!, 'Cloud', null, controls), 'appEntitlementId');
    expect(keys.sort()).toEqual(['E1', 'E3', 'E7']);
  });
});
