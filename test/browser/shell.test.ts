import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { aggregateGroups, recordDatasets } from '../../src/shared/catalogue';
import { buildLicence, buildTransaction, seedSpace } from '../fixtures/marketplace-records';
import { auditAccessibility, startHarness, type Harness } from './harness';

const licenceCount = 300;
const transactionCount = 400;
const wait = { timeout: 15_000 };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: (dir) => seedSpace(dir, { licences: licenceCount, transactions: transactionCount }) });
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

/** A cell of the grid's nth displayed row (AG Grid renders rows with row-index, cells with col-id). */
function cell(row: number, column: string): Locator {
  return h.page.locator(`.data-grid [role="row"][row-index="${row}"] [role="gridcell"][col-id="${column}"]`);
}

/**
 * Scrolls the grid sideways until a column is rendered: AG Grid only renders the columns in view
 * (column virtualisation), as a user scrolling to it would see. Bounded: 40 steps of 300 px.
 */
async function revealColumn(column: string): Promise<void> {
  const header = h.page.locator(`.data-grid .ag-header-cell[col-id="${column}"]`);
  const viewport = h.page.locator('.ag-body-horizontal-scroll-viewport');
  await viewport.evaluate((el) => el.scrollTo({ left: 0 }));
  for (let step = 0; step < 40; step++) {
    if ((await header.count()) > 0 && (await header.isVisible())) return;
    // Two animation frames: AG Grid renders newly visible columns on the frame after the scroll.
    await viewport.evaluate((el) => {
      el.scrollBy({ left: 300 });
      const frame = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
      return new Promise<void>((resolve) => frame(() => frame(resolve)));
    });
  }
  throw new Error(`column ${column} never came into view`);
}

describe('the renderer shell over a real database', () => {
  it('lists every record data set and every dashboard of the catalogue in the sidebar', async () => {
    await h.goto();
    const nav = h.page.getByRole('navigation', { name: 'Pages' });
    await nav.waitFor(wait);
    expect(await h.page.getByTestId('nav-datasets').getByRole('link').allTextContents()).toEqual(
      recordDatasets.map((d) => expect.stringContaining(d.title)),
    );
    expect(await h.page.getByTestId('nav-dashboards').getByRole('link').allTextContents()).toEqual(aggregateGroups.map((g) => g.title));
    // Row counts from the database beside the data sets that have rows.
    await expect.poll(() => nav.getByRole('link', { name: /Licences/ }).textContent(), wait).toBe(`Licences${licenceCount}`);
  });

  it('opens on the Overview (the home page)', async () => {
    await h.goto();
    await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
    expect(await h.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows the licences grid with rows from the database, formatted, sorted by the catalogue default', async () => {
    await h.goto('grid/licences');
    await h.page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor(wait);
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
    // Default sort: maintenance start, newest first → licence 199 (day 597 of the fixture).
    const first = buildLicence(199);
    await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(first.appEntitlementNumber);
    expect(await cell(0, 'addonName').textContent()).toBe(first.addonName);
    await revealColumn('maintenanceStartDate');
    await expect.poll(() => cell(0, 'maintenanceStartDate').textContent(), wait).toBe('2025-08-20');
    expect(await h.page.locator('.ag-header-cell[col-id="maintenanceStartDate"]').getAttribute('aria-sort')).toBe('descending');
    await h.screenshot('licences-grid-light');
  });

  it('sorts on the server when a header is clicked, and shows dates as their UTC day', async () => {
    await h.goto('grid/licences');
    await cell(0, 'appEntitlementNumber').waitFor(wait);
    const header = h.page.locator('.ag-header-cell[col-id="appEntitlementNumber"] .ag-header-cell-label');
    await header.click();
    const ids = Array.from({ length: licenceCount }, (_, i) => buildLicence(i).appEntitlementNumber).sort();
    await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(ids[0]);
    expect(await cell(1, 'appEntitlementNumber').textContent()).toBe(ids[1]);
    // Licence 1 ends at 22:30 in New York (the browser's zone here): 03:30 UTC the next day.
    expect(buildLicence(1).maintenanceEndDate).toBe('2025-01-02T22:30:00-05:00');
    await revealColumn('maintenanceEndDate');
    await expect.poll(() => cell(1, 'maintenanceEndDate').textContent(), wait).toBe('2025-01-03');

    await revealColumn('appEntitlementNumber');
    await header.click();
    await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(ids.at(-1));
    await revealColumn('appEntitlementNumber');
    expect(await h.page.locator('.ag-header-cell[col-id="appEntitlementNumber"]').getAttribute('aria-sort')).toBe('descending');
    await h.screenshot('licences-sorted-desc');
  });

  it('shows transactions with amounts as US dollars', async () => {
    await h.page.getByRole('link', { name: /Transactions/ }).click();
    await expect.poll(() => h.page.url()).toContain('#/grid/transactions');
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${transactionCount} rows`);
    // Newest sale first: transaction 319, a $4,800 refund.
    const first = buildTransaction(319);
    await expect.poll(() => cell(0, 'transactionId').textContent(), wait).toBe(first.transactionId);
    expect(await cell(0, 'saleDate').textContent()).toBe('2025-09-30');
    await revealColumn('purchasePrice');
    await expect.poll(() => cell(0, 'purchasePrice').textContent(), wait).toBe('-$4,800.00');
    expect(await cell(0, 'vendorAmount').textContent()).toBe('-$4,080.00');
    await h.screenshot('transactions-grid');
  });

  it('shows what to do on a data set that was never synced, and Back returns to the grid', async () => {
    await h.goto('grid/licences');
    await cell(0, 'appEntitlementNumber').waitFor(wait);
    await h.page.getByRole('link', { name: 'Feedback', exact: true }).click();
    const empty = h.page.getByTestId('empty-state');
    await empty.waitFor(wait);
    expect(await empty.getByRole('heading').textContent()).toBe('Not synced yet');
    expect(await h.page.locator('main header').textContent()).toContain(recordDatasets.find((d) => d.id === 'feedback')!.description);
    expect(await empty.textContent()).toContain('This data set has not been downloaded');
    expect(await empty.textContent()).toContain('Sync now at the top of the window');
    expect(await h.page.getByRole('link', { name: 'Feedback', exact: true }).getAttribute('aria-current')).toBe('page');
    await h.screenshot('feedback-empty');
    expect(await auditAccessibility(h.page)).toEqual([]);

    await h.page.goBack();
    await h.page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor(wait);
    await cell(0, 'appEntitlementNumber').waitFor(wait);
  });

  it('shows an aggregate page without data that says what it will show', async () => {
    // The other groups are drawn by the dashboards feature; Report access is the shell's own page.
    await h.page.getByRole('link', { name: 'Report access', exact: true }).click();
    await h.page.getByRole('heading', { level: 1, name: 'Report access' }).waitFor(wait);
    const empty = h.page.getByTestId('empty-state');
    expect(await empty.getByRole('heading').textContent()).toBe('Not synced yet');
    expect(await h.page.locator('main header').textContent()).toContain('The report groups your API token may read (the root links resource).');
    expect(await empty.getByRole('listitem').allTextContents()).toEqual(['Root links']);
    await h.screenshot('report-access-empty');
    expect(await auditAccessibility(h.page)).toEqual([]);
  });

  it('follows the OS dark theme in the app and in the grid', async () => {
    await h.goto('grid/licences');
    await cell(0, 'appEntitlementNumber').waitFor(wait);
    // A string: this project's node-side tsconfig has no DOM types, on purpose.
    const colours = () =>
      h.page.evaluate(`({
        body: getComputedStyle(document.body).backgroundColor,
        grid: getComputedStyle(document.querySelector('.ag-root-wrapper')).backgroundColor,
        mode: document.body.dataset.agThemeMode,
      })`) as Promise<{ body: string; grid: string; mode: string }>;
    const light = await colours();
    expect(light).toEqual({ body: 'rgb(246, 247, 249)', grid: 'rgb(255, 255, 255)', mode: 'light' });

    await h.page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(colours, wait).toEqual({ body: 'rgb(17, 20, 25)', grid: 'rgb(24, 28, 35)', mode: 'dark' });
    await h.screenshot('licences-grid-dark');
    await h.page.getByRole('link', { name: 'Marketing attribution' }).click();
    await h.page.getByTestId('empty-state').waitFor(wait);
    await h.screenshot('attribution-empty-dark');
    expect(await auditAccessibility(h.page)).toEqual([]);
    await h.page.emulateMedia({ colorScheme: 'light' });
  });

  it('reloads the grid when main says its data changed', async () => {
    await h.goto('grid/licences');
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
    h.data.spaceDb.prepare('DELETE FROM licences WHERE _rowid IN (SELECT _rowid FROM licences LIMIT 10)').run();
    await h.emit('data.changed', { datasets: ['licences'] });
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount - 10} rows`);
  });

  it('goes to the page a menu item asks for', async () => {
    await h.goto('grid/licences');
    await cell(0, 'appEntitlementNumber').waitFor(wait);
    await h.emit('app.command', { command: 'navigate', target: 'grid/transactions' });
    await h.page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor(wait);
    expect(h.page.url()).toContain('#/grid/transactions');
  });

  it('says so when a link leads nowhere', async () => {
    await h.goto('grid/no-such-data-set');
    await h.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor(wait);
    await h.page.getByRole('link', { name: 'Go to the overview' }).click();
    await h.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor(wait);
  });

  // A real sync is not run here: the harness's data service shares this process with Playwright,
  // and a demo-scale sync would starve it (in the app it runs in a worker thread).
  it('offers Sync now in the header and shows what main reports unasked', async () => {
    await h.goto('grid/feedback');
    const banner = h.page.getByRole('banner');
    await banner.getByRole('button', { name: 'Sync now' }).waitFor(wait);
    await h.emit('app.notice', { level: 'error', message: 'The sync of Feedback failed: HTTP 503 from the Marketplace API.' });
    const notice = h.page.getByRole('alert').filter({ hasText: 'HTTP 503' });
    await notice.waitFor(wait);
    await h.screenshot('notice-error');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached', ...wait });
  });

  // Last: it breaks the database on purpose.
  it('shows a failing data service as an error in the page, not as an empty grid', async () => {
    await h.goto('grid/licences');
    await cell(0, 'appEntitlementNumber').waitFor(wait);
    h.data.spaceDb.exec('ALTER TABLE licences RENAME TO licences_moved_away');
    await h.emit('data.changed', { datasets: ['licences'] });
    const alert = h.page.locator('main').getByRole('alert');
    await alert.first().waitFor(wait);
    expect(await alert.first().textContent()).toMatch(/^Could not (read|load) licences/i);
    await h.screenshot('licences-error');
    // The router saw the handler fail; that is this test's point, not a defect.
    expect(h.takeErrors().some((e) => e.includes('threw'))).toBe(true);
    h.data.spaceDb.exec('ALTER TABLE licences_moved_away RENAME TO licences');
  });
});
