import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedSpace } from '../fixtures/marketplace-records';
import { startHarness, type Harness } from './harness';

// Issue 8: a keyboard-only path through every page — sidebar → page content → grid → drawer →
// back — with a visible focus at every step. No mouse is used in this file.
const wait = { timeout: 15_000 };
const maxTabs = 80;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: (dir) => seedSpace(dir, { licences: 120, transactions: 80 }) });
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

interface Focused {
  tag: string;
  text: string;
  inMain: boolean;
  inSidebar: boolean;
  inGrid: boolean;
  role: string | null;
  /** An outline, a focus ring (box-shadow) or AG Grid's focused-cell border is drawn. */
  visible: boolean;
}

/** What has the keyboard focus now, and whether the user can see where it is. */
// Runs in the page (a string: the test project's types have no DOM).
const describeFocus = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', text: '', inMain: false, inSidebar: false, inGrid: false, role: null, visible: false };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const ring = style.boxShadow !== 'none';
  const cell = el.classList.contains('ag-cell-focus') || el.classList.contains('ag-header-cell') || el.closest('.ag-cell-focus') !== null;
  const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60);
  return {
    tag: el.tagName.toLowerCase(),
    text: name || (el.className + ' ' + (el.getAttribute('name') ?? '') + ' ' + (el.getAttribute('type') ?? '')).trim(),
    inMain: el.closest('main') !== null,
    inSidebar: el.closest('nav.sidebar') !== null,
    inGrid: el.closest('.data-grid') !== null,
    role: el.getAttribute('role'),
    visible: outline || ring || cell,
  };
})()`;

function focused(): Promise<Focused> {
  return h.page.evaluate<Focused>(describeFocus);
}

/** The id of the focused element, or the row-index of the grid row it is in. */
const focusedId = () => h.page.evaluate<string | null>('document.activeElement?.id ?? null');
const focusedRow = () => h.page.evaluate<string | null>("document.activeElement?.closest('[row-index]')?.getAttribute('row-index') ?? null");

/** Presses Tab (or Shift+Tab) until `done` holds for the focused element; bounded. Returns the presses. */
async function tabUntil(done: (f: Focused) => boolean, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<{ presses: number; at: Focused }> {
  for (let presses = 1; presses <= maxTabs; presses++) {
    await h.page.keyboard.press(key);
    const at = await focused();
    if (at.tag !== 'body') expect(at.visible, `focus not visible on <${at.tag}> "${at.text}"`).toBe(true);
    if (done(at)) return { presses, at };
    // Past the last control of the page: the focus rests on the document (nothing to draw).
    if (at.tag === 'body') return { presses, at };
  }
  throw new Error(`${key} never reached the element after ${maxTabs} presses (at ${JSON.stringify(await focused())})`);
}

const sidebarLinks = () => h.page.getByRole('navigation', { name: 'Pages' }).getByRole('link');

describe('keyboard only', () => {
  it('reaches every page from the sidebar and the content of each, with visible focus', async () => {
    await h.goto();
    await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
    const labels = (await sidebarLinks().allTextContents()).map((t) => t.replace(/[\d,]+$/, ''));
    expect(labels.length).toBeGreaterThan(10);

    // The first Tab of a page lands on the skip link; Enter puts the focus on the page content.
    await h.page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to content');
    await h.page.keyboard.press('Enter');
    expect(await focusedId()).toBe('main');

    await h.goto();
    await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
    await tabUntil((f) => f.inSidebar);
    const pagesWithContent: string[] = [];
    for (const [i, label] of labels.entries()) {
      if (i > 0) await tabUntil((f) => f.inSidebar && f.text.startsWith(label));
      expect((await focused()).text.startsWith(label)).toBe(true);
      await h.page.keyboard.press('Enter');
      await expect.poll(() => sidebarLinks().nth(i).getAttribute('aria-current'), { ...wait, message: label }).toBe('page');
      await h.page.locator('main h1').waitFor(wait);
      // Into the page's own content, then back to the same sidebar link.
      const into = await tabUntil((f) => f.inMain);
      if (into.at.tag === 'body') {
        // A page with nothing to operate (an empty state that only explains): nothing was skipped.
        expect(await h.page.locator('main').locator('a[href], button, input, select, textarea, [tabindex="0"]').count(), label).toBe(0);
        await tabUntil((f) => f.inSidebar && f.text.startsWith(label));
        continue;
      }
      pagesWithContent.push(label);
      const back = await tabUntil((f) => f.inSidebar && f.text.startsWith(label), 'Shift+Tab');
      expect(back.presses, label).toBe(into.presses);
    }
    // Dashboards, the data sets with rows and the settings have controls to reach.
    expect(pagesWithContent).toEqual(expect.arrayContaining(['Overview', 'Revenue metrics', 'Licences', 'Transactions', 'Settings']));
  });

  it('goes from the sidebar into a grid, opens a record in the drawer and comes back to the same cell', async () => {
    await h.goto('overview');
    await h.page.locator('.dash[data-loaded="true"]').waitFor(wait);
    await tabUntil((f) => f.inSidebar && f.text.startsWith('Licences'));
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe('120 rows');

    // Through the toolbar into the grid (its header first), then down into the rows.
    await tabUntil((f) => f.inGrid);
    for (let step = 0; step < 3 && (await focused()).role !== 'gridcell'; step++) await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowDown');
    const cell = await focused();
    expect(cell.role).toBe('gridcell');
    expect(cell.visible).toBe(true);
    const rowIndex = await focusedRow();
    expect(rowIndex).toBe('1');

    await h.page.keyboard.press('Enter');
    const drawer = h.page.getByTestId('detail-drawer');
    await drawer.getByTestId('detail-fields').waitFor(wait);
    expect(await focusedId()).toBe('detail-heading');
    const close = await tabUntil((f) => f.text === 'Close');
    expect(close.at.tag).toBe('button');
    await h.screenshot('keyboard-drawer');

    await h.page.keyboard.press('Escape');
    await drawer.waitFor({ ...wait, state: 'detached' });
    const back = await focused();
    expect(back.role).toBe('gridcell');
    expect(back.visible).toBe(true);
    expect(await focusedRow()).toBe('1');

    // The grid is left with one Tab like any other control (arrows move inside it): no trap.
    await h.page.keyboard.press('Tab');
    expect((await focused()).inGrid).toBe(false);
  });
});
