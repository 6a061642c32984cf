import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gridRoute } from '../../src/shared/routes';
import { startSimulatedHarness, type Harness } from './harness';

const wait = { timeout: 20_000 };
let h: Harness;

beforeAll(async () => {
  ({ harness: h } = await startSimulatedHarness());
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

const count = (sql: string, ...params: unknown[]) => (h.data.spaceDb.prepare(sql).get(...params) as { n: number }).n;

describe('a lookup column’s filter', () => {
  it('opens on "starts with" (its NOCASE index) and finds what was typed whatever its case', async () => {
    // A start of an e-mail that also occurs later in other addresses: "contains" would show more rows.
    const emails = h.data.spaceDb.prepare("SELECT DISTINCT technicalContactEmail FROM licences WHERE technicalContactEmail LIKE '%@%' LIMIT 200").pluck().all() as string[];
    const pick = emails
      .map((email) => email.slice(0, 3))
      .map((start) => ({ start, starts: count('SELECT count(*) AS n FROM licences WHERE technicalContactEmail LIKE ?', `${start}%`), contains: count('SELECT count(*) AS n FROM licences WHERE technicalContactEmail LIKE ?', `%${start}%`) }))
      .find((c) => c.starts > 0 && c.contains > c.starts);
    expect(pick, 'an e-mail start that also occurs inside other addresses').toBeDefined();
    const total = count('SELECT count(*) AS n FROM licences');

    // The e-mail column first, so its header is on screen (the grid renders visible columns only).
    await h.goto(gridRoute('licences', { columns: ['technicalContactEmail', 'appEntitlementNumber', 'company'] }));
    await h.page.reload();
    await h.page.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="technicalContactEmail"]').waitFor(wait);
    const header = h.page.locator('.ag-header-cell[col-id="technicalContactEmail"]');
    await header.hover();
    await header.locator('.ag-header-cell-filter-button').click();
    await h.page.locator('.ag-filter input.ag-input-field-input').first().fill(pick!.start.toUpperCase());
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${pick!.starts.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
    await h.page.keyboard.press('Escape');
  });
});
