import { describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { quoteIdent, type Db } from '../../../src/main/store';
import { runSync, type SyncOptions, type SyncSummary } from '../../../src/main/sync/engine';
import { addDays } from '../../../src/main/sync/engine/dates';
import type { SyncProgress } from '../../../src/main/sync/engine/progress';
import { readCheckpoint } from '../../../src/main/sync/engine/state';
import { listEarliest } from '../../../src/main/sync/engine/windowed-list';
import { differences, useProxiedSimulator } from './helpers';

// The full pass of a date-windowed list (events, feedback) reads date windows by the list's sync
// export: the same records as the list, in a few requests instead of one per 50 records, and as
// resumable and honest as the pages were.
const env = useProxiedSimulator('mpdesk-windows-');
const renewals = recordDataset('renewal-events');
const feedback = recordDataset('feedback');

interface Seen {
  exports: { startDate: string | null; endDate: string | null }[];
  pages: number;
}

/** A full sync of renewal events (and `also`) through the proxy, noting renewal export windows and pages asked for. */
async function sync(db: Db, options: Partial<SyncOptions> = {}, settings: Partial<NonNullable<SyncOptions['settings']>> = {}): Promise<{ summary: SyncSummary; events: SyncProgress[]; seen: Seen }> {
  const events: SyncProgress[] = [];
  const seen: Seen = { exports: [], pages: 0 };
  env.proxy.onRequest = (url) => {
    if (url.pathname.endsWith('/metrics/renewal/details/export')) seen.exports.push({ startDate: url.searchParams.get('startDate'), endDate: url.searchParams.get('endDate') });
    if (url.pathname.endsWith('/metrics/renewal/details') && url.searchParams.get('limit') === '50') seen.pages++;
  };
  const summary = await runSync({
    db,
    credentials: { baseUrl: env.proxy.baseUrl, developerId: env.sim.developerId, email: env.sim.email, token: env.sim.token },
    datasets: [renewals.id],
    // Windows of ~300 events: several windows over the simulator's three years.
    settings: { exportPollMs: 5, today: env.sim.control.state().now, listWindowRows: 300, ...settings },
    client: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    onProgress: (p) => events.push(p),
    ...options,
  });
  env.proxy.onRequest = () => {};
  return { summary, events, seen };
}

const rowsOf = (db: Db) => db.prepare(`SELECT count(*) FROM ${quoteIdent(renewals.table)}`).pluck().get() as number;
const days = (w: { startDate: string | null; endDate: string | null }) => (Date.parse(w.endDate!) - Date.parse(w.startDate ?? listEarliest)) / 86_400_000 + 1;

describe('date-windowed lists in a full pass', () => {
  it('are read by contiguous date windows covering every date, sized to the data: the same records as the list, no page', async () => {
    const db = env.freshSpace();
    const { summary, seen } = await sync(db, { datasets: [renewals.id, feedback.id] });
    expect(summary.status, JSON.stringify(summary.datasets.map((d) => d.error))).toBe('succeeded');
    expect(differences(env.sim, db, renewals)).toEqual([]);
    expect(differences(env.sim, db, feedback)).toEqual([]);
    expect(seen.pages).toBe(0);
    const windows = seen.exports;
    // Open at both ends (records of any date), each window starting the day after the last ended.
    expect(windows[0]!.startDate).toBeNull();
    expect(windows.at(-1)!.endDate).toBeNull();
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.startDate).toBe(addDays(windows[i - 1]!.endDate!, 1));
    // Empty years in a few requests; dense months in windows of a few hundred events.
    expect(windows.length).toBeGreaterThan(4);
    expect(windows.length).toBeLessThan(40);
    expect(Math.min(...windows.slice(0, -1).map(days))).toBeLessThan(366);
    expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
  });

  it('a window whose export fails on the server is halved and read by export again', async () => {
    const db = env.freshSpace();
    // The first window's seven attempts (six retries) fail.
    env.sim.control.setFaults('500:next=7:path=/metrics/renewal/details/export');
    const { summary, seen } = await sync(db);
    env.sim.control.setFaults('');
    expect(summary.status, JSON.stringify(summary.datasets.map((d) => d.error))).toBe('succeeded');
    expect(seen.exports.slice(0, 8).map(days)).toEqual([...Array<number>(7).fill(366), 183]);
    expect(seen.pages).toBe(0);
    expect(differences(env.sim, db, renewals)).toEqual([]);
  });

  it('when the export fails whatever the range, the windows are paged: the same records', async () => {
    const db = env.freshSpace();
    env.sim.control.setFaults('500:path=/metrics/renewal/details/export');
    const { summary, seen } = await sync(db);
    env.sim.control.setFaults('');
    expect(summary.status, JSON.stringify(summary.datasets.map((d) => d.error))).toBe('succeeded');
    // 366 days halved down to a week, then pages for it and every later window.
    expect([...new Set(seen.exports.map(days))]).toEqual([366, 183, 92, 46, 23, 12, 6]);
    expect(seen.pages).toBeGreaterThanOrEqual(Math.ceil(rowsOf(db) / 50));
    expect(differences(env.sim, db, renewals)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
  });

  it('stopped in the middle of a window, the next run resumes at that window and its count: nothing written is read again', async () => {
    const db = env.freshSpace();
    const cancel = new AbortController();
    const midWindow = () =>
      (db.prepare("SELECT state FROM sync_checkpoints WHERE dataset = ? AND scope LIKE 'window:%'").pluck().all(renewals.id) as string[])
        .map((s) => JSON.parse(s) as { done: number; complete?: boolean })
        .some((s) => s.done >= 100 && !s.complete);
    // Batches of 50 records: the cancel lands between two batches of one window's export.
    const stopped = await sync(db, { signal: cancel.signal, onProgress: (p) => p.phase === 'downloading' && midWindow() && cancel.abort() }, { exportBatchRows: 50 });
    expect(stopped.summary.status).toBe('cancelled');
    const written = rowsOf(db);
    const pass = readCheckpoint<{ windowRows?: number; nextWindow?: string }>(db, renewals.id, 'pass')!;
    expect(written).toBeGreaterThan(pass.windowRows ?? 0);

    const resumedAt = new Date().toISOString();
    const resumed = await sync(db, {}, { exportBatchRows: 50 });
    expect(resumed.summary.status).toBe('succeeded');
    // The first window asked for is the one stopped in, and its progress starts where it stopped.
    expect(resumed.seen.exports[0]!.startDate).toBe(pass.nextWindow === listEarliest ? null : pass.nextWindow);
    expect(resumed.events.find((e) => e.phase === 'downloading')!.done).toBe(written);
    // Rows the stopped run wrote were not written again (a re-read record gets a new _last_seen).
    expect(db.prepare(`SELECT count(*) FROM ${quoteIdent(renewals.table)} WHERE _last_seen < ?`).pluck().get(resumedAt)).toBe(written);
    expect(differences(env.sim, db, renewals)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
  });
});
