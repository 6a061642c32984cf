import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations as auditSerious, startSimulatedHarness, type Harness } from './harness';

const wait = { timeout: 20_000 };
let h: Harness;

beforeAll(async () => {
  ({ harness: h } = await startSimulatedHarness());
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

const seriousViolations = () => auditSerious(h.page);

async function openGrid(scheme: 'light' | 'dark'): Promise<void> {
  await h.page.emulateMedia({ colorScheme: scheme });
  await h.goto('grid/licences');
  await h.page.reload();
  await h.page.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="appEntitlementNumber"]').waitFor(wait);
}

describe('the grid page has no serious accessibility violations', () => {
  it('with each of its tools open and the detail drawer shown (light)', async () => {
    await openGrid('light');
    expect(await seriousViolations()).toEqual([]);

    await h.page.getByTestId('column-chooser').getByRole('button', { name: /^Columns/ }).click();
    expect(await seriousViolations()).toEqual([]);
    await h.page.keyboard.press('Escape');

    await h.page.getByTestId('saved-views').getByRole('button', { name: /^View:/ }).click();
    expect(await seriousViolations()).toEqual([]);
    await h.page.keyboard.press('Escape');

    await h.page.getByTestId('quality-filter').getByRole('button').click();
    expect(await seriousViolations()).toEqual([]);
    await h.page.keyboard.press('Escape');

    const header = h.page.locator('.ag-header-cell[col-id="hosting"]');
    await header.hover();
    await header.locator('.ag-header-cell-filter-button').click();
    await h.page.getByTestId('facet-filter-hosting').getByRole('checkbox').first().waitFor(wait);
    expect(await seriousViolations()).toEqual([]);
    await h.page.keyboard.press('Escape');

    await h.page.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="appEntitlementNumber"]').dblclick();
    await h.page.getByTestId('detail-fields').waitFor(wait);
    expect(await seriousViolations()).toEqual([]);
    await h.screenshot('licences-detail-light');
  });

  it('in the dark theme, with the detail drawer shown', async () => {
    await openGrid('dark');
    await h.page.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="appEntitlementNumber"]').dblclick();
    await h.page.getByTestId('detail-fields').waitFor(wait);
    expect(await seriousViolations()).toEqual([]);
    await h.screenshot('licences-detail-dark');
    await h.page.emulateMedia({ colorScheme: 'light' });
  });

  it('would report a planted violation (the check itself works)', async () => {
    // Light grey on white: a contrast failure axe must name.
    await h.page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<p id="planted" style="color:#eeeeee;background:#ffffff">planted</p>')`);
    expect((await seriousViolations()).some((v) => v.startsWith('color-contrast') && v.includes('#planted'))).toBe(true);
  });
});
