import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Locator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset, recordDatasets } from '../../src/shared/catalogue';
import { viewStateSchema, type GridQueryResponse, type ViewStateInput } from '../../src/shared/contract-grid';
import { gridRoute } from '../../src/shared/routes';
import { createRecordWriter } from '../../src/main/store/record-writer';
import { queryGrid } from '../../src/main/query/grid-query';
import type { SimulatedRecords } from '../fixtures/simulated-space';
import { createRandom, generateLicence } from '../database/query/fixtures';
import { startSimulatedHarness, type Harness } from './harness';

const wait = { timeout: 20_000 };
let h: Harness;
let records: SimulatedRecords;

beforeAll(async () => {
  ({ harness: h, records } = await startSimulatedHarness());
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

function cell(row: number, column: string): Locator {
  return h.page.locator(`[role="row"][row-index="${row}"] [role="gridcell"][col-id="${column}"]`);
}
const rowCount = () => h.page.getByTestId('row-count').textContent();
const count = (sql: string, ...params: unknown[]) => (h.data.spaceDb.prepare(sql).get(...params) as { n: number }).n;
const rowsText = (n: number, total = n) => (n === total ? `${n.toLocaleString('en-US')} rows` : `${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);

/** The same view asked of the real query service, as the page should have asked it. */
async function query(dataset: string, view: ViewStateInput, endRow = 1000): Promise<GridQueryResponse> {
  const result = await h.dispatch('grid.query', { dataset, startRow: 0, endRow, ...view }, `${h.origin}/index.html`);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as GridQueryResponse;
}

/** A fresh page load (a hash change alone would keep the grid's filters). */
async function openPage(dataset: string, firstColumn: string): Promise<void> {
  await h.goto(`grid/${dataset}`);
  await h.page.reload();
  await cell(0, firstColumn).waitFor(wait);
}
const openLicences = () => openPage('licences', 'appEntitlementNumber');

async function openFilter(column: string): Promise<void> {
  const header = h.page.locator(`.ag-header-cell[col-id="${column}"]`);
  await header.hover();
  await header.locator('.ag-header-cell-filter-button').click();
}

describe('grid pages over a database with every data set', () => {
  it('loads rows on every record page, with the count from the database', async () => {
    for (const dataset of recordDatasets) {
      await h.goto(`grid/${dataset.id}`);
      const n = records[dataset.id as keyof SimulatedRecords]!.length;
      await expect.poll(rowCount, wait).toBe(rowsText(n));
      await cell(0, dataset.defaultVisible[0]!).waitFor(wait);
      await h.screenshot(`grid-${dataset.id}`);
    }
  });

  it('filters with a text condition, on the server', async () => {
    await openLicences();
    const total = count('SELECT count(*) AS n FROM licences');
    const company = (h.data.spaceDb.prepare("SELECT company FROM licences WHERE company <> '' GROUP BY company ORDER BY count(*) DESC LIMIT 1").get() as { company: string }).company;
    const word = company.split(' ')[0]!.toLowerCase();
    const expected = count('SELECT count(*) AS n FROM licences WHERE lower(company) LIKE ?', `%${word}%`);
    await openFilter('company');
    await h.page.locator('.ag-filter input.ag-input-field-input').first().fill(word);
    await expect.poll(rowCount, wait).toBe(rowsText(expected, total));
    expect((await cell(0, 'company').textContent())!.toLowerCase()).toContain(word);
    await h.screenshot('licences-text-filter');
    await h.page.keyboard.press('Escape');
  });

  it('filters by facet values with counts, and the quick filter narrows further', async () => {
    await openLicences();
    const total = count('SELECT count(*) AS n FROM licences');
    const cloud = count("SELECT count(*) AS n FROM licences WHERE hosting = 'Cloud'");
    await openFilter('hosting');
    const facet = h.page.getByTestId('facet-filter-hosting');
    const cloudItem = facet.locator('label', { hasText: 'Cloud' });
    await expect.poll(() => cloudItem.textContent(), wait).toBe(`Cloud${cloud}`);
    await cloudItem.getByRole('checkbox').check();
    await expect.poll(rowCount, wait).toBe(rowsText(cloud, total));
    expect(await cell(0, 'hosting').textContent()).toBe('Cloud');
    await h.screenshot('licences-facet-filter');
    await h.page.keyboard.press('Escape');

    const quick = (await cell(0, 'appEntitlementNumber').textContent())!;
    const expected = await query('licences', { filterModel: { hosting: { filterType: 'set', values: ['Cloud'] } }, quickFilter: quick });
    const searchbox = h.page.getByRole('searchbox', { name: 'Quick filter' });
    // It says which columns it searches: enum values (hosting, status) are the facets' job.
    const description = (await searchbox.getAttribute('title'))!;
    expect(description).toContain('Company');
    expect(description).toContain('Technical contact e-mail');
    expect(description).not.toContain('Hosting');
    await searchbox.fill(quick);
    await expect.poll(rowCount, wait).toBe(rowsText(expected.rowCount, total));
    expect(expected.rowCount).toBeGreaterThan(0);
    expect(expected.rowCount).toBeLessThan(cloud);
    await h.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(rowCount, wait).toBe(rowsText(total));
  });

  it('keeps a saved view across a reload, and renames and deletes it', async () => {
    await openLicences();
    await openFilter('hosting');
    await h.page.getByTestId('facet-filter-hosting').locator('label', { hasText: 'Data Center' }).getByRole('checkbox').check();
    await h.page.keyboard.press('Escape');
    await h.page.locator('.ag-header-cell[col-id="company"] .ag-header-cell-label').click();
    const dc = count("SELECT count(*) AS n FROM licences WHERE hosting = 'Data Center'");
    const total = count('SELECT count(*) AS n FROM licences');
    await expect.poll(rowCount, wait).toBe(rowsText(dc, total));
    const firstCompany = (h.data.spaceDb.prepare("SELECT company FROM licences WHERE hosting = 'Data Center' ORDER BY company COLLATE NOCASE LIMIT 1").get() as { company: string }).company;
    await expect.poll(() => cell(0, 'company').textContent(), wait).toBe(firstCompany);

    await h.page.getByTestId('saved-views').getByRole('button', { name: /^View:/ }).click();
    await h.page.getByLabel('Save the current view as').fill('Data Center by company');
    await h.page.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => h.page.getByTestId('saved-views').getByRole('button', { name: /^View:/ }).textContent(), wait).toContain('Data Center by company');

    await openLicences();
    await expect.poll(rowCount, wait).toBe(rowsText(total));
    await h.page.getByTestId('saved-views').getByRole('button', { name: /^View:/ }).click();
    await h.page.getByRole('button', { name: 'Data Center by company' }).click();
    await expect.poll(rowCount, wait).toBe(rowsText(dc, total));
    await expect.poll(() => cell(0, 'company').textContent(), wait).toBe(firstCompany);
    await h.screenshot('licences-saved-view');

    await h.page.getByRole('button', { name: 'Rename…' }).click();
    await h.page.getByLabel('New name').fill('DC licences');
    await h.page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(() => h.page.getByRole('list', { name: 'Saved views' }).textContent(), wait).toContain('DC licences');
    await h.page.getByRole('button', { name: 'Delete “DC licences”' }).click();
    await expect.poll(() => h.page.getByRole('list', { name: 'Saved views' }).textContent(), wait).toBe('Default');
    await expect.poll(rowCount, wait).toBe(rowsText(total));
  });

  it('opens a record in the detail drawer with every field, its history and the raw record', async () => {
    await openLicences();
    const first = await query('licences', { columns: ['appEntitlementNumber'] }, 1);
    const key = first.rows[0]![0];
    await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(first.rows[0]![2]);
    // Atlassian changes the tier of this licence: the writer records it in the history.
    const raw = JSON.parse((h.data.spaceDb.prepare('SELECT _raw FROM licences WHERE _key = ?').get(key) as { _raw: string })._raw) as Record<string, unknown>;
    const { createRecordWriter } = await import('../../src/main/store/record-writer');
    const write = createRecordWriter(h.data.spaceDb, recordDataset('licences'));
    h.data.spaceDb.transaction(() => write([{ ...raw, tier: 'Unlimited Users' }], '2026-03-02T08:00:00.000Z', null))();

    await cell(0, 'appEntitlementNumber').dblclick();
    const drawer = h.page.getByTestId('detail-drawer');
    await drawer.waitFor(wait);
    await expect.poll(() => drawer.getByTestId('detail-history').textContent(), wait).toContain('Unlimited Users');
    expect(await drawer.getByTestId('detail-history').textContent()).toContain(String(raw.tier));
    expect(await drawer.getByTestId('detail-fields').textContent()).toContain(String(raw.appEntitlementNumber));
    expect(await drawer.getByRole('region', { name: 'Raw record as JSON' }).count()).toBe(0);
    expect(await drawer.locator('pre').textContent()).toContain('"tier": "Unlimited Users"');
    await h.screenshot('licences-detail-drawer');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await drawer.waitFor({ state: 'detached', ...wait });
  });

  it('exports exactly the rows of the current view', async () => {
    await openLicences();
    await openFilter('hosting');
    await h.page.getByTestId('facet-filter-hosting').locator('label', { hasText: 'Server' }).getByRole('checkbox').check();
    await h.page.keyboard.press('Escape');
    const expected = await query('licences', { filterModel: { hosting: { filterType: 'set', values: ['Server'] } }, columns: [...recordDataset('licences').defaultVisible] });
    await expect.poll(rowCount, wait).toBe(rowsText(expected.rowCount, count('SELECT count(*) AS n FROM licences')));

    await h.page.getByTestId('export-menu').getByRole('button', { name: /^Export/ }).click();
    await h.page.getByRole('button', { name: 'CSV' }).click();
    const status = h.page.getByTestId('export-status');
    await expect.poll(() => status.textContent(), wait).toMatch(new RegExp(`^Exported ${expected.rowCount} rows to `));
    const path = /rows to (.*?)Dismiss$/.exec((await status.textContent())!)![1]!;
    const csv = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const labels = new Map(recordDataset('licences').columns.map((c) => [c.name, c.label]));
    expect(csv[0]).toEqual(expected.columns.map((c) => labels.get(c)));
    expect(csv.slice(1)).toEqual(expected.rows.map((r) => r.slice(2).map((v) => (v === null ? '' : String(v)))));
    // And the grid shows the same first rows.
    for (let i = 0; i < 3; i++) expect(await cell(i, 'appEntitlementNumber').textContent()).toBe(String(expected.rows[i]![2]));
    await h.screenshot('licences-exported');
  });

  it('remembers hidden, shown and pinned columns per data set', async () => {
    await openLicences();
    await h.page.getByTestId('column-chooser').getByRole('button', { name: /^Columns/ }).click();
    const chooser = h.page.getByRole('list', { name: 'Columns' });
    await chooser.getByRole('checkbox', { name: 'Tier' }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Country' }).check();
    await h.page.getByRole('button', { name: 'Pin Company' }).click();
    await cell(0, 'country').waitFor(wait);
    await h.screenshot('licences-columns');

    await openLicences();
    expect(await h.page.locator('.ag-header-cell[col-id="tier"]').count()).toBe(0);
    await cell(0, 'country').waitFor(wait);
    expect(await h.page.locator('.ag-grid-pinned-left-cells [role="gridcell"][col-id="company"]').count()).toBeGreaterThan(0);
    await h.page.getByTestId('column-chooser').getByRole('button', { name: /^Columns/ }).click();
    await h.page.getByRole('button', { name: 'Reset columns' }).click();
    await h.page.locator('.ag-header-cell[col-id="tier"]').waitFor(wait);
  });

  it('filters dates by a relative range, computed by the query service in UTC', async () => {
    await openPage('renewal-events', 'eventDate');
    const total = count('SELECT count(*) AS n FROM renewal_events');
    const expected = await query('renewal-events', { filterModel: { eventDate: { filterType: 'date', type: 'lastYear' } } });
    await openFilter('eventDate');
    await h.page.locator('.ag-filter .ag-filter-select').first().click();
    await h.page.locator('.ag-list-item', { hasText: 'Last year' }).click();
    await expect.poll(rowCount, wait).toBe(rowsText(expected.rowCount, total));
    expect(expected.rowCount).toBeGreaterThan(0);
    expect(expected.rowCount).toBeLessThan(total);
    await h.page.keyboard.press('Escape');
  });

  it('opens the export menu when the menu bar asks to export the view', async () => {
    await openLicences();
    await h.emit('app.command', { command: 'export-view' });
    await h.page.getByRole('button', { name: 'Excel (XLSX)' }).waitFor(wait);
    await h.page.keyboard.press('Escape');
  });

  it('copies the focused cell with Ctrl+C and its row with Ctrl+Shift+C, as the grid shows them', async () => {
    await openPage('transactions', 'transactionId');
    // Read what our copy handler put on the clipboard, after it (window listeners run last).
    await h.page.evaluate(`window.addEventListener('copy', (e) => { window.__copied = e.clipboardData.getData('text/plain'); })`);
    const copied = () => h.page.evaluate('window.__copied') as Promise<string | undefined>;
    await cell(0, 'transactionId').click();
    await h.page.keyboard.press('Control+c');
    await expect.poll(copied, wait).toBe(await cell(0, 'transactionId').textContent());
    await h.page.keyboard.press('Control+Shift+c');
    await expect.poll(copied, wait).toMatch(/\t/);
    const row = (await copied())!.split('\t');
    expect(row[0]).toBe(await cell(0, 'transactionId').textContent());
    expect(row.length).toBe(recordDataset('transactions').defaultVisible.length);
  });

  it('answers the find and open-detail menu commands', async () => {
    await openLicences();
    await h.emit('app.command', { command: 'focus-quick-filter' });
    await expect.poll(() => h.page.evaluate('document.activeElement?.getAttribute("placeholder")'), wait).toBe('Search entitlement, host entitlement, site…');
    await cell(1, 'appEntitlementNumber').click();
    await h.emit('app.command', { command: 'open-detail' });
    const drawer = h.page.getByTestId('detail-drawer');
    await expect.poll(() => drawer.getByRole('heading', { level: 2 }).textContent(), wait).toBe(await cell(1, 'appEntitlementNumber').textContent());
    await h.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached', ...wait });
  });

  it('shows data-quality hints and filters on them', async () => {
    await openPage('transactions', 'transactionId');
    const total = count('SELECT count(*) AS n FROM transactions');
    const expected = await query('transactions', { flags: { zeroAmount: true } });
    expect(expected.rowCount).toBeGreaterThan(0);
    await h.page.getByTestId('quality-filter').getByRole('button').click();
    await h.page.getByLabel('$0 amount').selectOption('only');
    await expect.poll(rowCount, wait).toBe(rowsText(expected.rowCount, total));
    expect(await cell(0, '_hints').textContent()).toContain('$0');
    await h.screenshot('transactions-zero-amount');
  });

  it('shows a quick filter\'s rows before their count, and a newer word replaces a pending count', async () => {
    // Enough licences that the block's plan leaves the count to grid.count: over a sort no index
    // walks, a quick filter alone is counted only up to 2,000 matches before its first block.
    const write = createRecordWriter(h.data.spaceDb, recordDataset('licences'));
    const r = createRandom(99);
    const added = Array.from({ length: 3000 }, (_, i) => generateLicence(r, 7_000_000 + i));
    h.data.spaceDb.transaction(() => write(added, '2026-03-01T09:30:00.000Z', null))();
    try {
      const sortModel = [{ colId: 'region', sort: 'asc' as const }];
      const columns = [...recordDataset('licences').defaultVisible, 'region'];
      await h.goto(gridRoute('licences', { sortModel, columns }));
      await h.page.reload();
      await cell(0, 'appEntitlementNumber').waitFor(wait);
      const total = count('SELECT count(*) AS n FROM licences');
      // Read on the writer connection: asked through the service, the reader would hold these
      // counts and the page's blocks would answer them at once.
      const expected = (quickFilter: string) => queryGrid({ db: h.data.spaceDb, now: new Date() }, { dataset: 'licences', startRow: 0, endRow: 1, ...viewStateSchema.parse({ quickFilter, sortModel, columns }) });
      const [acme, acmeDoe] = [expected('acme'), expected('acme doe')];
      expect(acmeDoe.rowCount).toBeGreaterThan(2000);
      expect(acmeDoe.rowCount).toBeLessThan(acme.rowCount);

      // The page's grid.count answers are held back until released: the real service answers them.
      await h.page.evaluate(`(() => {
        const invoke = window.__mpdeskInvoke;
        window.__heldCounts = [];
        window.__mpdeskInvoke = (method, request) => {
          if (method !== 'grid.count') return invoke(method, request);
          const answer = invoke(method, request);
          return new Promise((resolve) => window.__heldCounts.push({ quickFilter: request.quickFilter, release: () => resolve(answer) }));
        };
      })()`);
      const held = () => h.page.evaluate('window.__heldCounts.map((c) => c.quickFilter)') as Promise<string[]>;
      const release = (quickFilter: string) => h.page.evaluate(`window.__heldCounts.find((c) => c.quickFilter === ${JSON.stringify(quickFilter)}).release()`);
      const searchbox = h.page.getByRole('searchbox', { name: 'Quick filter' });

      await searchbox.fill('acme');
      await expect.poll(held, wait).toEqual(['acme']);
      // The rows are there while their count is still out.
      await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(String(acme.rows[0]![2]));
      expect(await rowCount()).toBe('Counting rows…');

      await searchbox.fill('acme doe');
      await expect.poll(held, wait).toEqual(['acme', 'acme doe']);
      await expect.poll(() => cell(0, 'appEntitlementNumber').textContent(), wait).toBe(String(acmeDoe.rows[0]![2]));
      expect(await rowCount()).toBe('Counting rows…');

      await release('acme doe');
      await expect.poll(rowCount, wait).toBe(rowsText(acmeDoe.rowCount, total));
      // The first word's count comes last and is dropped: it is no longer the view's.
      await release('acme');
      await h.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
      expect(await rowCount()).toBe(rowsText(acmeDoe.rowCount, total));
      await h.screenshot('licences-quick-filter-counted');
    } finally {
      h.data.spaceDb.prepare('DELETE FROM licences WHERE appEntitlementId IN (SELECT value FROM json_each(?))').run(JSON.stringify(added.map((l) => l.appEntitlementId)));
    }
  });
});
