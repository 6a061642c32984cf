import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSpaceDatabase } from '../../src/main/space-database';
import { recordMetaColumns as m, spaceDbPath } from '../../src/main/store';
import { gridRoute } from '../../src/shared/routes';
import { settingsSchema } from '../../src/shared/settings';
import { buildLicence, seedSpace } from '../fixtures/marketplace-records';
import { seriousViolations, startHarness, type Harness } from './harness';

// Living with the app (issue 8) in the renderer: the settings page, the offline banner and a
// notification click opening exactly the rows a sync brought in.
const wait = { timeout: 15_000 };
const licenceCount = 300;
const syncedAt = '2026-03-01T09:30:00.000Z';
const laterSyncStart = '2026-03-10T08:00:00.000Z';
/** Licences a later sync brought in (first seen after its start). */
const newLicences = [3, 57, 120, 121, 299];
let h: Harness;

/** A seeded space, then a later sync's news: some licences first seen after `laterSyncStart`. */
function seed(dataDir: string): void {
  seedSpace(dataDir, { licences: licenceCount, transactions: 20, syncedAt });
  const db = openSpaceDatabase(spaceDbPath(dataDir, 'demo'));
  try {
    const mark = db.prepare(`UPDATE licences SET ${m.firstSeen} = ? WHERE "appEntitlementNumber" = ?`);
    for (const i of newLicences) expect(mark.run('2026-03-10T08:00:05.123Z', buildLicence(i).appEntitlementNumber).changes).toBe(1);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = await startHarness({ seed });
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

async function settings() {
  const got = await h.dispatch('settings.get', {}, `${h.origin}/index.html`);
  if (!got.ok) throw new Error(got.error.message);
  return settingsSchema.parse(got.value);
}

async function openSettings(): Promise<void> {
  await h.goto('settings');
  await h.page.getByRole('heading', { level: 2, name: 'Sync schedule' }).waitFor(wait);
}

const background = (selector = 'body') => h.page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`);

describe('the settings page', () => {
  it('applies a theme at once across the app, and keeps it after a reload', async () => {
    await openSettings();
    const light = await background();
    await h.page.getByRole('radio', { name: /^Dark/ }).check();
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme'), wait).toBe('dark');
    expect(await background()).not.toBe(light);
    await h.page.getByRole('region', { name: 'Appearance' }).getByRole('status').waitFor(wait);
    expect((await settings()).theme).toBe('dark');
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.screenshot('settings-dark');

    // The grid follows too (AG Grid's theme reads the same scheme).
    await h.goto('grid/licences');
    await h.page.reload();
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
    expect(await h.page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await background('.ag-root-wrapper')).not.toBe('rgb(255, 255, 255)');

    await openSettings();
    await h.page.getByRole('radio', { name: /^Light/ }).check();
    await expect.poll(() => h.page.locator('html').getAttribute('data-theme'), wait).toBe('light');
    expect(await background()).toBe(light);
  });

  it('shows times in local time or UTC as chosen, at once', async () => {
    await openSettings();
    await h.emit('app.connectivity', { online: false, since: '2026-03-02T10:00:00.000Z', dataAsOf: syncedAt });
    const banner = h.page.getByTestId('offline-banner');
    await expect.poll(() => banner.textContent(), wait).toContain('data as of 2026-03-01 09:30 UTC');
    // The harness's browser runs in America/New_York.
    await h.page.getByRole('radio', { name: /^Local time/ }).check();
    await expect.poll(() => banner.textContent(), wait).toContain('data as of 2026-03-01 04:30 EST');
    expect(await seriousViolations(h.page)).toEqual([]);
    expect((await settings()).dateDisplay).toBe('local');
    await h.page.getByRole('radio', { name: /^UTC/ }).check();
    await expect.poll(() => banner.textContent(), wait).toContain('data as of 2026-03-01 09:30 UTC');
    await h.emit('app.connectivity', { online: true, since: '2026-03-02T11:00:00.000Z', dataAsOf: syncedAt });
    await expect.poll(() => banner.count(), wait).toBe(0);
  });

  it('saves a schedule and shows it after a reload, with the next run and last sync', async () => {
    await openSettings();
    const form = h.page.getByRole('form', { name: /Sync schedule of/ });
    await form.getByLabel('Every (hours)').fill('12');
    await form.getByLabel('Full reconciliation every (days)').fill('14');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(wait);
    expect((await settings()).schedules.demo).toEqual({ enabled: true, intervalHours: 12, fullReconcileDays: 14 });

    await h.page.reload();
    await h.page.getByRole('heading', { level: 2, name: 'Sync schedule' }).waitFor(wait);
    expect(await form.getByLabel('Every (hours)').inputValue()).toBe('12');
    expect(await form.getByLabel('Full reconciliation every (days)').inputValue()).toBe('14');
    const status = h.page.getByTestId('schedule-status');
    await expect.poll(() => status.textContent(), wait).toContain('Last sync');

    await form.getByRole('checkbox').uncheck();
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => status.textContent(), wait).toContain('Background sync is off.');
    expect((await settings()).schedules.demo?.enabled).toBe(false);
    await h.screenshot('settings-schedule');
  });

  it('shows invalid input inline, keeps what was typed and saves nothing', async () => {
    await openSettings();
    const before = await settings();
    const form = h.page.getByRole('form', { name: /Sync schedule of/ });
    await form.getByLabel('Every (hours)').fill('0');
    await form.getByLabel('Full reconciliation every (days)').fill('a week');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => h.page.locator('#schedule-demo-hours-error').textContent(), wait).toBe('Enter a whole number of hours from 1 to 168.');
    expect(await h.page.locator('#schedule-demo-days-error').textContent()).toBe('Enter a whole number of days from 1 to 90.');
    expect(await form.getByLabel('Every (hours)').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Every (hours)').inputValue()).toBe('0');
    expect(await form.getByLabel('Full reconciliation every (days)').inputValue()).toBe('a week');

    const exports = h.page.getByRole('region', { name: 'Exports' });
    await exports.getByLabel('Rows per sheet or page').fill('2000000');
    await exports.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => h.page.locator('#export-page-size-error').textContent(), wait).toMatch(/^Enter a whole number of rows from 1,000 to 1,048,575\.$/);
    expect(await exports.getByLabel('Rows per sheet or page').inputValue()).toBe('2000000');
    expect(await settings()).toEqual(before);
    await h.screenshot('settings-invalid');
  });

  it('turns a notification kind on and off (all off by default)', async () => {
    await openSettings();
    const region = h.page.getByRole('region', { name: 'Notifications' });
    for (const box of await region.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);
    await region.getByRole('checkbox', { name: 'Refunds' }).check();
    await expect.poll(async () => (await settings()).notifications.refunds, wait).toBe(true);
    await region.getByRole('checkbox', { name: 'Refunds' }).uncheck();
    await expect.poll(async () => (await settings()).notifications.refunds, wait).toBe(false);
  });
});

describe('offline', () => {
  it('shows "Offline — data as of <time>" without blocking anything, and hides it when back online', async () => {
    await h.goto('grid/licences');
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
    expect(await h.page.getByTestId('offline-banner').count()).toBe(0);

    await h.emit('app.connectivity', { online: false, since: '2026-03-02T10:00:00.000Z', dataAsOf: syncedAt });
    const banner = h.page.getByTestId('offline-banner');
    await expect.poll(() => banner.textContent(), wait).toContain('Offline — data as of 2026-03-01 09:30 UTC');
    const syncButton = h.page.getByRole('button', { name: 'Sync now' });
    expect(await syncButton.getAttribute('aria-disabled')).toBe('true');
    expect(await h.page.getByTestId('sync-offline-note').textContent()).toBe('Can’t sync while offline');
    await syncButton.click({ force: true });
    expect(await h.page.getByTestId('sync-progress').count()).toBe(0);
    await h.screenshot('offline-banner');

    // Every page keeps working from the database.
    await h.page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /Transactions/ }).click();
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe('20 rows');
    expect(await banner.isVisible()).toBe(true);

    await h.emit('app.connectivity', { online: true, since: '2026-03-02T11:00:00.000Z', dataAsOf: syncedAt });
    await expect.poll(() => banner.count(), wait).toBe(0);
    expect(await syncButton.getAttribute('aria-disabled')).toBeNull();
  });
});

describe('offline at start-up', () => {
  it('shows the banner as the window loads when the monitor already knows the network is gone', async () => {
    // The app's own monitor, its probe finding no network: no event is sent after the page loads.
    const off = await startHarness({ seed, background: { probe: async () => false } });
    try {
      await expect
        .poll(async () => {
          const state = await off.dispatch('app.connectivity', {}, `${off.origin}/index.html`);
          return state.ok && (state.value as { online: boolean }).online;
        }, wait)
        .toBe(false);
      await off.goto('grid/licences');
      await expect.poll(() => off.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
      expect(await off.page.getByTestId('offline-banner').textContent()).toMatch(/^Offline — data as of /);
      expect(await off.page.getByRole('button', { name: 'Sync now' }).getAttribute('aria-disabled')).toBe('true');
    } finally {
      await off.close();
    }
  });
});

describe('a notification click', () => {
  it('opens the grid filtered to exactly the new rows, with a removable "New since" chip', async () => {
    await h.goto('overview');
    await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
    await h.emit('app.command', { command: 'navigate', target: gridRoute('licences', { firstSeenSince: laterSyncStart }) });

    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${newLicences.length} of ${licenceCount} rows`);
    const chip = h.page.getByTestId('new-since-chip');
    expect(await chip.textContent()).toContain('New since 2026-03-10 08:00 UTC');
    const keys = h.page.locator('.data-grid [role="row"] [role="gridcell"][col-id="appEntitlementNumber"]');
    await expect.poll(() => keys.count(), wait).toBe(newLicences.length);
    expect((await keys.allTextContents()).sort()).toEqual(newLicences.map((i) => buildLicence(i).appEntitlementNumber).sort());
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.screenshot('notification-new-since');

    await chip.getByRole('button', { name: /^Remove filter: New since/ }).click();
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe(`${licenceCount} rows`);
    expect(await chip.count()).toBe(0);
    expect(await h.page.evaluate<string | null>("document.activeElement?.getAttribute('type') ?? null")).toBe('search');
  });
});
