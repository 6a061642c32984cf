import { existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logDir } from '../../src/main/logging';
import { seedSpace } from '../fixtures/marketplace-records';
import { startHarness, type Harness } from './harness';

// Settings → Data directory over the real maintenance handlers: the facts shown are the
// directory's, Back up now… writes a sound copy of the open space where the (answered) save
// dialog said, and Show logs asks the file manager for the log folder.
const wait = { timeout: 20_000 };
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: (dir) => seedSpace(dir, { licences: 150, transactions: 40 }) });
  await h.goto('settings');
});
afterEach(() => h.assertNoErrors());
afterAll(async () => {
  await h?.close();
});

const section = () => h.page.getByRole('region', { name: 'Data directory' });

describe('the data directory section', () => {
  it('shows where the data lives and how big it is', async () => {
    const facts = h.page.getByTestId('data-dir');
    await facts.waitFor(wait);
    expect(await facts.textContent()).toContain(h.dataDir);
    expect(await facts.textContent()).toMatch(/Size\d+(\.\d)? (bytes|KB|MB)/);
    expect(await section().getByRole('button', { name: 'Move…' }).isEnabled()).toBe(true);
  });

  it('backs up the open space to the chosen file, a database with every row', async () => {
    await section().getByRole('button', { name: 'Back up now…' }).click();
    const done = h.page.getByTestId('backup-done');
    await done.waitFor(wait);
    const text = (await done.textContent()) ?? '';
    const path = /Backed up to (\S+\.sqlite)/.exec(text)?.[1];
    expect(path?.startsWith(h.backupDir)).toBe(true);
    expect(existsSync(path!)).toBe(true);
    expect(statSync(path!).size).toBeGreaterThan(0);
    const copy = new Database(path!, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 150 });
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    await h.screenshot('settings-backup-done');
  });

  it('runs the whole backup from the menu: Settings opens, the backup runs and says where it went', async () => {
    await h.goto('overview');
    await h.page.getByRole('button', { name: 'Back up now…' }).waitFor({ state: 'detached', ...wait });
    await h.emit('app.command', { command: 'backup' });
    const done = h.page.getByTestId('backup-done');
    await done.waitFor(wait);
    expect(h.page.url()).toContain('settings');
    const path = /Backed up to (\S+\.sqlite)/.exec((await done.textContent()) ?? '')?.[1];
    expect(path?.startsWith(h.backupDir)).toBe(true);
    const copy = new Database(path!, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM licences').get()).toEqual({ n: 150 });
    } finally {
      copy.close();
    }
    // Asked again while Settings is shown, it runs again at once.
    rmSync(path!);
    await h.emit('app.command', { command: 'backup' });
    await expect.poll(() => existsSync(path!), wait).toBe(true);
    await h.page.getByTestId('backup-done').waitFor(wait);
  });

  it('checks every page of the open space on request and says it is sound', async () => {
    await h.goto('settings');
    await section().getByRole('button', { name: 'Check data' }).click();
    const ok = h.page.getByTestId('integrity-ok');
    await ok.waitFor(wait);
    expect(await ok.textContent()).toMatch(/The data file is sound \(checked in \d+\.\d s\)/);
  });

  it('opens the log folder in the file manager', async () => {
    await section().getByRole('button', { name: 'Show logs' }).click();
    await expect.poll(() => h.openedPaths.length, wait).toBe(1);
    expect(h.openedPaths[0]).toBe(logDir(h.dataDir));
  });
});
