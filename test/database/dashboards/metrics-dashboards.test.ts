import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { dashboardControlsSchema, dashboardRequestSchema, drillFilterModel, resolvePreset, type DashboardPanel } from '../../../src/shared/contract-dashboards';
import { getDashboard } from '../../../src/main/dashboards';
import { refreshMetrics } from '../../../src/main/metrics';
import { type Db } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { A, B, asOf, seedFixture } from '../metrics/fixture';
import { openSpaceDatabase } from '../../../src/main/space-database';

let dir: string;
let db: Db;
let emptyDb: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-dash-'));
  db = openSpaceDatabase(join(dir, 's.sqlite'));
  emptyDb = openSpaceDatabase(join(dir, 'empty.sqlite'));
  seedFixture(db);
  refreshMetrics(db, { asOf });
});
afterAll(() => {
  db.close();
  emptyDb.close();
  rmSync(dir, { recursive: true, force: true });
});

const controls = (c: Partial<{ from: string; to: string; granularity: 'week' | 'month'; apps: string[]; hosting: ('Cloud' | 'Data Center' | 'Server')[] }>) =>
  dashboardControlsSchema.parse({ from: '2025-01-01', to: '2025-06-15', ...c });
const panel = (panels: DashboardPanel[], id: string) => {
  const p = panels.find((x) => x.id === id);
  if (!p) throw new Error(`no panel ${id} in ${panels.map((x) => x.id).join(', ')}`);
  return p;
};

describe('metrics dashboard', () => {
  it('MRR, ARR and movements per month, per app as extra series', () => {
    const d = getDashboard(db, 'metrics', controls({}));
    const mrr = panel(d.panels, 'mrr');
    expect(mrr.x).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    expect(mrr.series.map((s) => [s.name, s.data])).toEqual([
      ['Total', [250, 330, 250, 250, 225, 325]],
      ['App A', [200, 300, 200, 200, 200, 300]],
      ['App B', [50, 30, 50, 50, 25, 25]],
    ]);
    expect(panel(d.panels, 'arr').series[0]!.data.at(-1)).toBe(3900);
    const moves = Object.fromEntries(panel(d.panels, 'mrr-movements').series.map((s) => [s.name, s.data]));
    expect(moves.Refunds).toEqual([0, 0, -100, 0, -25, 0]);
    expect(moves.Churn?.[3]).toBe(-100);
    expect(d.apps).toEqual([
      { addonKey: A, name: 'App A' },
      { addonKey: B, name: 'App B' },
    ]);
    expect(d.metricsAsOf).toBe(asOf);
  });

  it('revenue by sale type in weeks (Monday starts) and months, with the drill-down filter', () => {
    const monthly = panel(getDashboard(db, 'metrics', controls({ from: '2025-03-01', to: '2025-03-31' })).panels, 'revenue-by-sale-type');
    expect(monthly.x).toEqual(['2025-03-01']);
    expect(Object.fromEntries(monthly.series.map((s) => [s.name, s.data]))).toEqual({ New: [600], Renewal: [100], Refunds: [-1200] });
    const weekly = panel(getDashboard(db, 'metrics', controls({ from: '2025-03-01', to: '2025-03-31', granularity: 'week' })).panels, 'revenue-by-sale-type');
    // 2025-03-01 is a Saturday: its week starts on Monday 2025-02-24.
    expect(weekly.x).toEqual(['2025-02-24', '2025-03-03', '2025-03-10', '2025-03-17', '2025-03-24', '2025-03-31']);
    expect(weekly.series.find((s) => s.name === 'Refunds')?.data).toEqual([0, 0, -1200, 0, 0, 0]);
    const c = controls({ from: '2025-03-01', to: '2025-03-31', granularity: 'week', apps: [A] });
    expect(drillFilterModel(weekly.drill!, '2025-02-24', 'Refunds', c)).toEqual({
      saleDate: { filterType: 'date', type: 'inRange', dateFrom: '2025-03-01', dateTo: '2025-03-02' },
      saleType: { filterType: 'set', values: ['Refund'] },
      addonKey: { filterType: 'set', values: [A] },
    });
  });

  it('conversion cohorts and active licences at the end of the range', () => {
    const d = getDashboard(db, 'metrics', controls({ from: '2025-01-01', to: '2025-03-10' }));
    const conv = panel(d.panels, 'conversion');
    expect(conv.series.map((s) => s.data)).toEqual([
      [2, 0, 1],
      [1, 0, 0],
      [50, null, 0],
    ]);
    const active = panel(d.panels, 'active-licences');
    expect(active.x).toEqual(['Cloud', 'Data Center', 'Server']);
    expect(Object.fromEntries(active.series.map((s) => [s.name, s.data]))).toEqual({
      'Standard · paid': [3, 0, 0],
      'Advanced · paid': [0, 1, 0],
      'Unspecified · free': [0, 0, 1],
      'Unspecified · paid': [0, 0, 1],
    });
  });

  it('empty states say why: not synced, no data in range, nothing matching the filters', () => {
    expect(panel(getDashboard(emptyDb, 'metrics', controls({})).panels, 'mrr').empty?.reason).toBe('not-synced');
    expect(panel(getDashboard(db, 'metrics', controls({ from: '2010-01-01', to: '2010-12-31' })).panels, 'mrr').empty?.reason).toBe('no-data-in-range');
    expect(panel(getDashboard(db, 'metrics', controls({ apps: ['com.example.none'] })).panels, 'revenue-by-sale-type').empty?.reason).toBe('no-match');
    expect(panel(getDashboard(db, 'metrics', controls({})).panels, 'mrr').empty).toBeNull();
  });
});

describe('overview', () => {
  it('key figures against the previous period of the same length', () => {
    const d = getDashboard(db, 'overview', controls({ from: '2025-03-01', to: '2025-03-31' }));
    const figures = Object.fromEntries(panel(d.panels, 'key-figures').figures!.map((f) => [f.id, [f.value, f.previous]]));
    // Previous period: 2025-01-29 – 2025-02-28.
    expect(figures).toEqual({
      revenue: [100 + 600 - 1200, 100 + 1200 + 30],
      mrr: [250, 330],
      arr: [3000, 3960],
      sales: [2, 3],
      refunds: [-1200, 0],
      paying: [3, 4],
      evaluations: [1, 0],
      conversion: [0, null],
      activePaid: [4, 4],
    });
    expect(d.sync?.datasets.find((s) => s.id === 'transactions')).toMatchObject({ rows: 13, lastSuccessAt: null });
  });

  it('lists what the last sync brought: new sales, refunds, evaluations, cancellations and changed records', () => {
    const since0 = getDashboard(db, 'overview', controls({})).sync!.sinceLastSync;
    expect(since0.since).toBeNull();
    db.prepare("INSERT INTO sync_runs (mode, started_at, finished_at, status) VALUES ('incremental', '2025-06-16T00:00:00Z', '2025-06-16T00:05:00Z', 'ok')").run();
    const seen = '2025-06-16T00:01:00Z';
    const tx = createRecordWriter(db, recordDataset('transactions'));
    const lic = createRecordWriter(db, recordDataset('licences'));
    const sale = (id: string, type: string, amount: number) => ({
      transactionId: `IN-${id}`,
      transactionLineItemId: id,
      addonKey: B,
      appEntitlementId: 'E9',
      purchaseDetails: { saleDate: '2025-06-16', saleType: type, vendorAmount: amount, hosting: 'Cloud' },
    });
    db.transaction(() => {
      tx([sale('n1', 'New', 500), sale('n2', 'Refund', -80)], seen, 2);
      lic([{ appEntitlementId: 'E12', addonKey: B, hosting: 'Cloud', licenseType: 'EVALUATION', evaluationStartDate: '2025-06-16', status: 'active' }], seen, 2);
      lic([{ appEntitlementId: 'E3', appEntitlementNumber: 'E3-NUM', addonKey: A, addonName: 'App A', hosting: 'Cloud', licenseType: 'COMMERCIAL', appEdition: 'Standard', maintenanceStartDate: '2025-02-01', maintenanceEndDate: '2026-02-01', status: 'cancelled', lastUpdated: '2025-06-16', evaluationLicense: 'NA' }], seen, 2);
    })();
    const since = getDashboard(db, 'overview', controls({})).sync!.sinceLastSync;
    // The same figures once the refresh that follows a sync has counted them.
    refreshMetrics(db, { asOf });
    expect(getDashboard(db, 'overview', controls({})).sync!.sinceLastSync).toEqual(since);
    expect(since).toEqual({
      since: '2025-06-16T00:00:00Z',
      newSales: { count: 1, vendorAmount: 500 },
      refunds: { count: 1, vendorAmount: -80 },
      newEvaluations: 1,
      cancellations: 1,
      changedRecords: [{ dataset: 'licences', records: 1 }],
    });
  });
});

describe('controls', () => {
  it('presets are UTC calendar ranges', () => {
    const now = new Date('2025-03-01T23:30:00-05:00'); // already 2 March in UTC
    expect(resolvePreset('last-30-days', now)).toEqual({ from: '2025-02-01', to: '2025-03-02' });
    expect(resolvePreset('last-90-days', now)).toEqual({ from: '2024-12-03', to: '2025-03-02' });
    expect(resolvePreset('month-to-date', now)).toEqual({ from: '2025-03-01', to: '2025-03-02' });
    expect(resolvePreset('last-month', now)).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(resolvePreset('year-to-date', now)).toEqual({ from: '2025-01-01', to: '2025-03-02' });
    expect(resolvePreset('last-year', now)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(resolvePreset('custom', now)).toBeNull();
  });

  it('requests with an impossible date, a reversed range or an unknown dashboard are refused', () => {
    const bad = (c: unknown) => dashboardRequestSchema.safeParse({ id: 'metrics', controls: c }).success;
    expect(bad({ from: '2025-02-30', to: '2025-03-01' })).toBe(false);
    expect(bad({ from: '2025-03-02', to: '2025-03-01' })).toBe(false);
    expect(bad({ from: '2025-01-01', to: '2025-03-01', hosting: ['cloud'] })).toBe(false);
    expect(bad({ from: '2025-01-01', to: '2025-03-01', extra: 1 })).toBe(false);
    expect(bad({ from: '2025-01-01', to: '2025-03-01' })).toBe(true);
    expect(dashboardRequestSchema.safeParse({ id: 'report-access', controls: { from: '2025-01-01', to: '2025-01-02' } }).success).toBe(false);
  });
});
