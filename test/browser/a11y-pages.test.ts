import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { aggregateGroups, recordDatasets } from '../../src/shared/catalogue';
import { dashboardIds } from '../../src/shared/contract-dashboards';
import { seriousViolations, startHarness, startSyncedHarness, type Harness, type SyncedHarness } from './harness';

// Issue 8: no serious or critical axe-core violation on any page of the app — the overview,
// every dashboard, every record grid, the settings, the welcome screen, with the detail drawer
// and the dialogs open — in the light and the dark theme (the app's Theme setting, not only
// the OS preference). The grid's own tools are audited in grid-a11y.test.ts.
// Generous: the CI machine has 2 cores, and a dashboard's first query can wait on a sync's refresh.
const wait = { timeout: 45_000 };
let synced: SyncedHarness;
let h: Harness;

beforeAll(async () => {
  // Synced demo data, so charts draw and grids have rows: the audit sees the pages as used.
  synced = await startSyncedHarness();
  h = synced.h;
}, 120_000);
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await synced?.close();
});

const dashboardRoutes = dashboardIds.map((id) => (id === 'overview' ? 'overview' : `dashboard/${id}`));
/** Aggregate groups without charts (the sidebar still lists them): their page says what they hold. */
const plainGroupRoutes = aggregateGroups.filter((g) => !(dashboardIds as readonly string[]).includes(g.id)).map((g) => `dashboard/${g.id}`);
const gridRoutes = recordDatasets.map((d) => `grid/${d.id}`);

async function useTheme(theme: 'light' | 'dark'): Promise<void> {
  const saved = await h.dispatch('settings.update', { theme }, `${h.origin}/index.html`);
  if (!saved.ok) throw new Error(saved.error.message);
}

/** Opens a route as a fresh load and waits until its content (not a loading state) is shown. */
async function open(route: string, theme: 'light' | 'dark'): Promise<void> {
  try {
    await openPage(route, theme);
  } catch (e) {
    await h.screenshot(`a11y-unfinished-${route.replace('/', '-')}-${theme}`);
    const state = await h.page.evaluate(`[...document.querySelectorAll('[data-page], .dash')].map((e) => e.outerHTML.slice(0, 200)).join('\\n')`);
    throw new Error(`${route} (${theme}) did not finish loading: ${String(state)}\n: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function openPage(route: string, theme: 'light' | 'dark'): Promise<void> {
  await h.goto(route); // a hash change within the loaded app, as the sidebar's links do
  await h.page.locator(`html[data-theme="${theme}"]`).waitFor({ ...wait, state: 'attached' });
  if (route.startsWith('grid/')) {
    const page = h.page.locator(`[data-page="${route}"]`);
    const count = page.getByTestId('row-count');
    await expect.poll(() => count.textContent(), wait).toMatch(/rows?$/);
    if ((await count.textContent()) !== '0 rows') await page.locator('[role="row"][row-index="0"] [role="gridcell"]').first().waitFor(wait);
  } else if (route === 'settings') {
    await h.page.getByTestId('data-dir').waitFor(wait);
  } else if (plainGroupRoutes.includes(route)) {
    await h.page.locator(`[data-page="${route}"]`).waitFor(wait);
  } else {
    const id = route === 'overview' ? 'overview' : route.slice('dashboard/'.length);
    await h.page.locator(`.dash[data-dashboard="${id}"][data-loaded="true"]`).waitFor(wait);
  }
}

async function expectNoSerious(where: string): Promise<void> {
  expect(await seriousViolations(h.page), where).toEqual([]);
}

describe.each(['light', 'dark'] as const)('every page in the %s theme has no serious or critical axe violation', (theme) => {
  beforeAll(async () => {
    await useTheme(theme);
    await h.goto('overview');
    await h.page.reload(); // the theme is read at load; afterwards pages change by hash
  });

  it('the overview and every dashboard', async () => {
    for (const route of [...dashboardRoutes, ...plainGroupRoutes]) {
      await open(route, theme);
      await expectNoSerious(route);
    }
    await h.screenshot(`a11y-overview-${theme}`);
  }, 300_000);

  it('every record grid, and its detail drawer', async () => {
    // axe's time grows with the rendered cells (~10 s a grid at full size on a busy 2-core box):
    // a smaller window still renders every column type and each cell renderer of the page.
    await h.page.setViewportSize({ width: 1024, height: 560 });
    onTestFinished(() => h.page.setViewportSize({ width: 1366, height: 820 }));
    for (const route of gridRoutes) {
      await open(route, theme);
      await expectNoSerious(route);
    }
    await open('grid/transactions', theme);
    await h.page.locator('[role="row"][row-index="0"] [role="gridcell"]').first().dblclick();
    await h.page.getByTestId('detail-fields').waitFor(wait);
    await expectNoSerious('grid/transactions with the detail drawer');
    await h.screenshot(`a11y-drawer-${theme}`);
  }, 300_000);

  it('the settings page, and the add-space dialog', async () => {
    await open('settings', theme);
    await expectNoSerious('settings');
    await h.screenshot(`a11y-settings-${theme}`);
    await h.page.selectOption('#acc-switcher', '__add__');
    const dialog = h.page.getByRole('dialog', { name: 'Add a developer space' });
    await dialog.waitFor(wait);
    await expectNoSerious('the add-space dialog');
    await h.screenshot(`a11y-add-space-${theme}`);
    await h.page.keyboard.press('Escape');
    await dialog.waitFor({ ...wait, state: 'hidden' });
  });
});

describe('the welcome screen (no developer space yet)', () => {
  it.each(['light', 'dark'] as const)('has no serious or critical axe violation (%s OS theme)', async (scheme) => {
    // A first run has no settings yet: the OS preference decides the theme.
    const w = await startHarness({ activeAccount: null, colorScheme: scheme });
    try {
      await w.goto();
      await w.page.getByRole('button', { name: /Explore with demo data/ }).waitFor(wait);
      expect(await seriousViolations(w.page)).toEqual([]);
      await w.screenshot(`a11y-welcome-${scheme}`);
    } finally {
      await w.close();
    }
  });
});
