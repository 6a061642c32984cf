import { describe, expect, it } from 'vitest';
import { recordDataset, recordDatasets } from '../../../src/shared/catalogue';
import { fullTextTable } from '../../../src/main/query/full-text';
import { quoteIdent, type Db } from '../../../src/main/store';
import { runSync, type SyncOptions, type SyncSummary } from '../../../src/main/sync/engine';
import { isBulkLoadUndone } from '../../../src/main/sync/engine/bulk-load';
import type { SyncProgress } from '../../../src/main/sync/engine/progress';
import { readCheckpoint } from '../../../src/main/sync/engine/state';
import { differences, useProxiedSimulator } from './helpers';

// First loads run without indexes and full-text triggers (rebuilt once at the end), and paged
// lists commit groups of pages: what that must never cost is a table left without its indexes
// or quick filter, or a row lost or doubled across a failure, a cancel and the resume.
const env = useProxiedSimulator('mpdesk-bulk-');
const renewals = recordDataset('renewal-events');

async function sync(db: Db, options: Partial<SyncOptions> = {}): Promise<{ summary: SyncSummary; events: SyncProgress[] }> {
  const events: SyncProgress[] = [];
  const summary = await runSync({
    db,
    credentials: { baseUrl: env.proxy.baseUrl, developerId: env.sim.developerId, email: env.sim.email, token: env.sim.token },
    // Groups by rows only: a loaded machine's slow pages must not change what is asserted.
    settings: { exportPollMs: 5, today: env.sim.control.state().now, pageGroupMs: 600_000 },
    client: { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    onProgress: (p) => events.push(p),
    ...options,
  });
  env.proxy.onRequest = () => {};
  return { summary, events };
}

const rowsOf = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${quoteIdent(table)}`).pluck().get() as number;
const indexedIn = (events: SyncProgress[], id: string) => events.some((e) => e.dataset === id && e.phase === 'indexing');
/** When a renewal-events page at `offset` is asked for. */
const atRenewalPage = (offset: number, act: () => void) => (url: URL) => {
  if (url.pathname.endsWith('/metrics/renewal/details') && url.searchParams.get('offset') === String(offset)) act();
};
const pagingDone = (events: SyncProgress[], id: string) => [...new Set(events.filter((e) => e.dataset === id && e.phase === 'paging').map((e) => e.done))];
/** A full pass reads renewals by date windows' exports; with the export failing it pages each window. */
const failRenewalExports = () => env.sim.control.setFaults('500:path=/metrics/renewal/details/export');
/** Rows of the date windows a pass finished. */
const windowRowsDone = (db: Db) => readCheckpoint<{ windowRows?: number }>(db, renewals.id, 'pass')?.windowRows ?? 0;
/** The paged window's checkpoint. */
const pagedWindow = (db: Db) => db.prepare("SELECT state FROM sync_checkpoints WHERE dataset = ? AND scope LIKE 'window:%:pages'").pluck().all(renewals.id).map((s) => JSON.parse(s as string) as unknown);

function expectComplete(db: Db, id: string) {
  const dataset = recordDataset(id);
  expect(isBulkLoadUndone(db, dataset), `${id}: indexes and triggers`).toBe(false);
  expect(rowsOf(db, fullTextTable(dataset)), `${id}: one full-text entry per row`).toBe(rowsOf(db, dataset.table));
  expect(differences(env.sim, db, dataset), id).toEqual([]);
}

describe('bulk first loads and grouped pages', () => {
  it('a first sync loads every record data set in bulk and ends with every index, trigger and full-text entry', async () => {
    const db = env.freshSpace();
    const { summary, events } = await sync(db, { datasets: recordDatasets.map((d) => d.id) });
    expect(summary.status, JSON.stringify(summary.error)).toBe('succeeded');
    for (const d of recordDatasets) {
      expect(indexedIn(events, d.id), `${d.id} loaded in bulk`).toBe(true);
      expectComplete(db, d.id);
    }
    // Date-windowed lists arrive by their windows' exports, not 50-row pages.
    expect(events.some((e) => e.dataset === renewals.id && e.phase === 'downloading')).toBe(true);
    expect(pagingDone(events, renewals.id)).toEqual([]);

    // A filled table is not loaded in bulk again (a reconciliation is mostly updates).
    const again = await sync(db, { datasets: recordDatasets.map((d) => d.id), full: true });
    expect(again.summary.status).toBe('succeeded');
    expect(recordDatasets.filter((d) => indexedIn(again.events, d.id))).toEqual([]);
    for (const d of recordDatasets) expectComplete(db, d.id);
  });

  it('a page failing mid-list keeps the pages before it, gives the failed bulk pass its indexes back, and the next run resumes in bulk from there', async () => {
    const db = env.freshSpace();
    // Five pages of a window read into an unwritten group, then the sixth is malformed.
    failRenewalExports();
    env.proxy.onRequest = atRenewalPage(250, () => env.sim.control.setFaults('500:path=/metrics/renewal/details/export,malformed:next=1:path=/metrics/renewal/details'));
    const failed = await sync(db, { datasets: [renewals.id] });
    env.sim.control.setFaults('');
    expect(failed.summary.status).toBe('failed');
    expect(failed.summary.datasets[0]!.error!.message).toMatch(/offset 250/);
    const before = windowRowsDone(db);
    expect(rowsOf(db, renewals.table)).toBe(before + 250);
    expect(pagedWindow(db)).toEqual([{ offset: 250, complete: false }]);
    expect(readCheckpoint<{ bulk: boolean }>(db, renewals.id, 'pass')?.bulk).toBe(true);
    expect(isBulkLoadUndone(db, renewals)).toBe(false);
    expect(rowsOf(db, fullTextTable(renewals))).toBe(before + 250);

    // The pass goes on paging its windows (the export failed even for a short one).
    const resumed = await sync(db, { datasets: [renewals.id] });
    expect(resumed.summary.status).toBe('succeeded');
    expect(pagingDone(resumed.events, renewals.id)[0]).toBe(before + 250);
    expect(indexedIn(resumed.events, renewals.id)).toBe(true);
    expectComplete(db, renewals.id);
    expect(db.prepare('SELECT count(*) FROM sync_checkpoints').pluck().get()).toBe(0);
  });

  it('a cancelled bulk pass is restored by a run that does not sync its data set, and resumed in bulk by one that does', async () => {
    const db = env.freshSpace();
    const cancel = new AbortController();
    failRenewalExports();
    env.proxy.onRequest = atRenewalPage(150, () => cancel.abort());
    const cancelled = await sync(db, { datasets: [renewals.id], signal: cancel.signal });
    env.sim.control.setFaults('');
    expect(cancelled.summary.status).toBe('cancelled');
    // The pages read before the cancel are kept; the indexes wait (a cancel does not rebuild them).
    const before = windowRowsDone(db);
    expect(rowsOf(db, renewals.table)).toBe(before + 150);
    expect(isBulkLoadUndone(db, renewals)).toBe(true);

    const other = await sync(db, { datasets: ['churn-events'] });
    expect(other.summary.status).toBe('succeeded');
    expect(isBulkLoadUndone(db, renewals)).toBe(false);
    expect(rowsOf(db, fullTextTable(renewals))).toBe(before + 150);
    expect(readCheckpoint<{ bulk: boolean }>(db, renewals.id, 'pass')?.bulk).toBe(true);

    const resumed = await sync(db, { datasets: [renewals.id] });
    expect(resumed.summary.status).toBe('succeeded');
    expect(pagingDone(resumed.events, renewals.id)[0]).toBe(before + 150);
    expect(indexedIn(resumed.events, renewals.id)).toBe(true);
    expectComplete(db, renewals.id);
  });
});
