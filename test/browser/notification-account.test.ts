import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDbPath, openAppDatabase } from '../../src/main/store';
import { gridRoute } from '../../src/shared/routes';
import { seedSpace } from '../fixtures/marketplace-records';
import { startHarness, type Harness } from './harness';

// The schedule syncs every saved account, so a notification may be about one that is not open:
// its click (app.command navigate with the account) switches to that account's space, then shows
// the grid there — the rows it counts live in that space's file, not in the open one.
const wait = { timeout: 15_000 };
const other = 'acct-beta';
let h: Harness;

function seed(dataDir: string): void {
  seedSpace(dataDir, { licences: 40, transactions: 5 });
  seedSpace(dataDir, { spaceId: other, licences: 7, transactions: 3 });
  const app = openAppDatabase(appDbPath(dataDir));
  try {
    app.prepare("INSERT INTO accounts VALUES (?, 'Beta Apps', 'dev-beta', 'b@example.com', 'http://127.0.0.1:9/marketplace', '2026-01-01T00:00:00Z', NULL)").run(other);
  } finally {
    app.close();
  }
}

beforeAll(async () => {
  h = await startHarness({ seed });
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

describe('a notification about an account that is not open', () => {
  it('opens that account’s space, then its grid', async () => {
    await h.goto('grid/licences');
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe('40 rows');
    expect(await h.page.locator('.acc-space').getAttribute('data-account-id')).toBe('demo');

    await h.emit('app.command', { command: 'navigate', target: gridRoute('transactions', {}), accountId: other });
    await expect.poll(() => h.page.locator('.acc-space').getAttribute('data-account-id'), wait).toBe(other);
    await expect.poll(() => h.page.evaluate<string>('location.hash'), wait).toBe(`#/${gridRoute('transactions', {})}`);
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe('3 rows');
    expect((await h.data.handlers['maintenance.activeSpace']({}, { senderUrl: 'test' })).spaceId).toBe(other);

    // One about the open account only navigates.
    await h.emit('app.command', { command: 'navigate', target: gridRoute('licences', {}), accountId: other });
    await expect.poll(() => h.page.getByTestId('row-count').textContent(), wait).toBe('7 rows');
    expect(await h.page.locator('.acc-space').getAttribute('data-account-id')).toBe(other);
  });
});
