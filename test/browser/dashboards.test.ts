import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dashboardIds, resolvePreset } from '../../src/shared/contract-dashboards';
import { startSyncedHarness, type Harness, type SyncedHarness } from './harness';

const wait = { timeout: 20_000 };
let synced: SyncedHarness;
let h: Harness;
let today: string;

beforeAll(async () => {
  // Demo data as the app gets it (see startSyncedHarness).
  synced = await startSyncedHarness();
  ({ h, today } = synced);
}, 120_000);
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await synced?.close();
});

const root = () => h.page.locator('.dash');
const panel = (id: string) => h.page.locator(`.dash-panel[data-panel="${id}"]`);

async function open(route: string): Promise<void> {
  await h.goto(route);
  await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
}

describe('dashboards over synced demo data', () => {
  it('opens every dashboard with non-empty charts', async () => {
    await open('overview');
    // Long enough for the reports the simulator serves; remembered for every dashboard after.
    await h.page.selectOption('select[name="preset"]', 'custom');
    await h.page.fill('input[name="from"]', '2024-01-01');
    await expect.poll(() => root().getAttribute('data-range'), wait).toBe(`2024-01-01..${today}`);
    for (const id of dashboardIds) {
      await open(id === 'overview' ? 'overview' : `dashboard/${id}`);
      expect(await root().getAttribute('data-range')).toBe(`2024-01-01..${today}`);
      const drawn = h.page.locator('.dash-panel:not([data-empty]) canvas');
      await expect.poll(() => drawn.count(), { ...wait, message: id }).toBeGreaterThan(0);
      await h.screenshot(`dashboard-${id}`);
    }
    await open('overview');
    await expect.poll(() => h.page.locator('.dash-figure[data-figure="revenue"] .dash-figure__value').textContent(), wait).toMatch(/^-?\$/);
    expect(await h.page.getByRole('region', { name: 'Since the last sync' }).textContent()).toMatch(/new sales/);
  });

  it('draws every chart with the ECharts dark theme when the Theme setting is dark', async () => {
    await open('overview');
    const charts = h.page.locator('.dash-chart');
    await expect.poll(() => charts.count(), wait).toBeGreaterThan(0);
    expect(await h.page.locator('.dash-chart[data-scheme="dark"]').count()).toBe(0);
    const setTheme = async (theme: 'dark' | 'light') => {
      const saved = await h.dispatch('settings.update', { theme }, `${h.origin}/index.html`);
      expect(saved.ok).toBe(true);
    };
    try {
      await setTheme('dark');
      await h.page.reload();
      await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
      await expect.poll(() => charts.count(), wait).toBeGreaterThan(0);
      await expect.poll(() => h.page.locator('.dash-chart:not([data-scheme="dark"])').count(), wait).toBe(0);
      await h.screenshot('dashboard-overview-dark');
    } finally {
      await setTheme('light');
    }
  });

  it('changes the date range and the app filter, and remembers them', async () => {
    await open('dashboard/metrics');
    await h.page.selectOption('select[name="preset"]', 'last-year');
    const lastYear = resolvePreset('last-year', new Date())!;
    await expect.poll(() => root().getAttribute('data-range'), wait).toBe(`${lastYear.from}..${lastYear.to}`);
    const apps = await h.page.locator('select[name="apps"] option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    const names = await h.page.locator('select[name="apps"] option').allTextContents();
    expect(apps.length).toBeGreaterThan(1);
    // One MRR line per app (by name) beside the total.
    await expect.poll(async () => (await panel('mrr').getAttribute('data-series'))?.split('|').sort(), wait).toEqual(['Total', ...names].sort());
    await h.page.selectOption('select[name="apps"]', apps[0]!);
    await expect.poll(() => root().getAttribute('data-apps'), wait).toBe(apps[0]);
    await expect.poll(() => panel('mrr').getAttribute('data-series'), wait).toBe('Total');
    await h.screenshot('dashboard-metrics-one-app-last-year');
    // Another dashboard opens with the same choice.
    await open('dashboard/revenue');
    expect(await root().getAttribute('data-apps')).toBe(apps[0]);
    expect(await root().getAttribute('data-range')).toBe(`${lastYear.from}..${lastYear.to}`);
    // Back to all apps for the tests after this one.
    await h.page.getByRole('button', { name: 'All apps and hostings' }).click();
    await expect.poll(() => root().getAttribute('data-apps'), wait).toBe('');
  });

  it('says why a chart is empty', async () => {
    await open('dashboard/metrics');
    await h.page.fill('input[name="to"]', '2001-12-31');
    await h.page.fill('input[name="from"]', '2001-01-01');
    await expect.poll(() => root().getAttribute('data-range'), wait).toBe('2001-01-01..2001-12-31');
    await expect.poll(() => panel('revenue-by-sale-type').textContent(), wait).toContain('No data in this range');
    await h.screenshot('dashboard-metrics-empty');
    await h.page.selectOption('select[name="preset"]', 'year-to-date');
  });

  it('saves a chart as PNG and its data as CSV', async () => {
    await open('dashboard/metrics');
    const mrr = panel('mrr');
    await mrr.locator('canvas').first().waitFor(wait);
    const [csv] = await Promise.all([h.page.waitForEvent('download'), mrr.locator('[data-action="csv"]').click()]);
    expect(csv.suggestedFilename()).toMatch(/^metrics-mrr-.*\.csv$/);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^period start,Total/);
    const [png] = await Promise.all([h.page.waitForEvent('download'), mrr.locator('[data-action="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  });

  it('drills down from a bar into the grid of the rows behind it', async () => {
    await open('dashboard/metrics');
    const chart = h.page.getByTestId('chart-revenue-by-sale-type');
    await expect.poll(() => chart.getAttribute('data-probe'), wait).toMatch(/^\d+,\d+$/);
    const [x, y] = (await chart.getAttribute('data-probe'))!.split(',').map(Number);
    await chart.click({ position: { x: x!, y: y! } });
    await expect.poll(() => h.page.url(), wait).toContain('#/grid/transactions?view=');
    const view = JSON.parse(decodeURIComponent(h.page.url().split('?view=')[1]!)) as { filterModel: Record<string, unknown> };
    expect(Object.keys(view.filterModel)).toEqual(expect.arrayContaining(['saleDate', 'saleType']));
    await h.page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor(wait);
    await h.screenshot('dashboard-drill-down-transactions');
  });
});
