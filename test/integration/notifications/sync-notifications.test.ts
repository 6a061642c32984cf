import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src/shared/contract';
import { viewStateSchema } from '../../../src/shared/contract-grid';
import { parseGridRoute } from '../../../src/shared/routes';
import { recordDatasetIds } from '../../../src/shared/catalogue';
import { createDataService, type DataService } from '../../../src/main/data-service/service';
import { buildSyncNotifications } from '../../../src/main/notifications/build';
import { queryGrid } from '../../../src/main/query/grid-query';
import { startSimulator, type RunningSimulator } from '../../../src/main/simulator';
import { seedActiveAccount } from '../../fixtures/app-account';

// A notification's route must open exactly the records its count speaks of: two real syncs from
// the simulator (a first load, then a month later), the news counted by the sync engine, and each
// route parsed back and run through the grid's own query over the same database.
const ctx = { senderUrl: 'test' };
const accountId = 'acct-notify-1';
const datasets = ['licences', 'transactions', 'churn-events'];
const allKinds = { newSales: true, newEvaluations: true, cancellations: true, refunds: true };

let sim: RunningSimulator;
let service: DataService;
let dataDir: string;
const finished: EventPayload<'sync.finished'>[] = [];

async function syncOnce(full: boolean): Promise<EventPayload<'sync.finished'>> {
  const before = finished.length;
  expect((await service.handlers['sync.start']({ full, datasets }, ctx)).started).toBe(true);
  for (let i = 0; i < 6000 && finished.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(finished.length).toBe(before + 1);
  return finished.at(-1)!;
}

beforeAll(async () => {
  sim = await startSimulator({ scale: 'tiny', exportPolls: 0, control: true, seed: 23 });
  dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-notify-'));
  seedActiveAccount(dataDir, { id: accountId, developerId: sim.developerId, baseUrl: sim.baseUrl });
  service = createDataService({
    dataDir,
    version: 'test',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'sync.finished') finished.push(payload as EventPayload<'sync.finished'>);
    },
    credentialsFor: async () => ({ baseUrl: sim.baseUrl, developerId: sim.developerId, email: sim.email, token: sim.token }),
  });
}, 120_000);
afterAll(async () => {
  service?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('notifications after a sync', () => {
  it('say nothing after a first load (every row is new, none of it is news)', async () => {
    const first = await syncOnce(true);
    expect(first).toMatchObject({ accountId, status: 'succeeded', highlights: { newSales: 0, newEvaluations: 0, cancellations: 0, refunds: 0 } });
    expect(buildSyncNotifications(first, allKinds)).toEqual([]);
  });

  it('open exactly the rows behind each count', async () => {
    sim.control.advance(45);
    const second = await syncOnce(false);
    expect(second.status).toBe('succeeded');
    const h = second.highlights;
    // The simulated month and a half brings sales and trials; the test needs news to check.
    expect(h.newSales).toBeGreaterThan(0);
    expect(h.newEvaluations).toBeGreaterThan(0);

    const notes = buildSyncNotifications(second, allKinds);
    const expectedKinds = (['newSales', 'newEvaluations', 'cancellations', 'refunds'] as const).filter((k) => h[k] > 0);
    expect(notes.map((n) => n.kind)).toEqual(expectedKinds);

    const db = service.spaceDb;
    const newKeys: Record<string, string> = {
      newSales: "SELECT _key FROM transactions WHERE _first_seen >= ? AND coalesce(saleType, '') <> 'Refund'",
      newEvaluations: "SELECT _key FROM licences WHERE _first_seen >= ? AND licenseType = 'EVALUATION'",
      cancellations: 'SELECT _key FROM churn_events WHERE _first_seen >= ?',
      refunds: "SELECT _key FROM transactions WHERE _first_seen >= ? AND saleType = 'Refund'",
    };
    for (const note of notes) {
      expect(note.title).toMatch(new RegExp(`^${h[note.kind].toLocaleString('en-US')} `));
      const parsed = parseGridRoute(note.route);
      expect(parsed).not.toBeNull();
      expect(recordDatasetIds).toContain(parsed!.dataset);
      const view = viewStateSchema.parse(parsed!.view);
      expect(view.firstSeenSince).toBe(second.startedAt);
      const page = queryGrid({ db, now: new Date() }, { dataset: parsed!.dataset as (typeof recordDatasetIds)[number], startRow: 0, endRow: 100_000, ...view });
      expect(page.rowCount, note.kind).toBe(h[note.kind]);
      const expected = (db.prepare(newKeys[note.kind]!).pluck().all(second.startedAt) as string[]).sort();
      expect(page.rows.map((r) => String(r[0])).sort(), note.kind).toEqual(expected);
      // Rows seen before this sync are outside the view: the filter alone would select more.
      const withoutSince = queryGrid({ db, now: new Date() }, { dataset: parsed!.dataset as (typeof recordDatasetIds)[number], startRow: 0, endRow: 0, ...view, firstSeenSince: undefined });
      expect(withoutSince.rowCount).toBeGreaterThan(page.rowCount);
    }
  });

  it('respect the kinds turned off, and say nothing about a failed run', () => {
    const news = { accountId, status: 'succeeded' as const, startedAt: '2026-11-26T08:00:00.000Z', highlights: { newSales: 3, newEvaluations: 1, cancellations: 2, refunds: 1 } };
    expect(buildSyncNotifications(news, { newSales: false, newEvaluations: false, cancellations: false, refunds: false })).toEqual([]);
    expect(buildSyncNotifications(news, { ...allKinds, newSales: false, refunds: false }).map((n) => n.kind)).toEqual(['newEvaluations', 'cancellations']);
    expect(buildSyncNotifications(news, allKinds).map((n) => n.title)).toEqual(['3 new sales', '1 new evaluation', '2 cancellations', '1 refund']);
    expect(buildSyncNotifications({ ...news, status: 'failed' }, allKinds)).toEqual([]);
    expect(buildSyncNotifications({ ...news, status: 'partial' }, allKinds)).toHaveLength(4);
  });
});
