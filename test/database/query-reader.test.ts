import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDatasets } from '../../src/shared/catalogue';
import { dashboardIds } from '../../src/shared/contract-dashboards';
import type { EventName, EventPayload } from '../../src/shared/contract';
import { createDataService, type DataService } from '../../src/main/data-service/service';
import { dropFullTextTriggers, fullTextTable } from '../../src/main/query/full-text';
import { openSpaceDatabase } from '../../src/main/space-database';
import { quoteIdent, spaceDbPath } from '../../src/main/store';
import { seedSpace } from '../fixtures/marketplace-records';

// Queries read through a read-only connection: none may write (the reader would refuse), and none
// may wait for the write lock a sync worker holds for minutes. Whatever a query path used to
// create on first use (here: the full-text tables of a file from before migration 3) is created
// on the writer before the first query.
const ctx = { senderUrl: 'test' };
const dirs: string[] = [];
const services: DataService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('queries on the reader connection', () => {
  it('answer every query method while another connection holds the write lock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mpdesk-reader-'));
    dirs.push(dataDir);
    seedSpace(dataDir, { licences: 60, transactions: 30 });
    const path = spaceDbPath(dataDir, 'demo');
    const old = openSpaceDatabase(path);
    for (const d of recordDatasets) {
      dropFullTextTriggers(old, d);
      old.exec(`DROP TABLE ${quoteIdent(fullTextTable(d))}`);
    }
    old.close();

    const events: { event: EventName; payload: unknown }[] = [];
    const service = createDataService({ dataDir, version: 'test', spaceId: 'demo', emit: <E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }) });
    services.push(service);
    const h = service.handlers;
    const view = { sortModel: [], filterModel: {}, quickFilter: '', columns: [], flags: {} };
    // The first query found no full-text tables: the writer rebuilt them, the quick filter works.
    const quick = await h['grid.query']({ dataset: 'licences', startRow: 0, endRow: 100, ...view, quickFilter: 'customer1' }, ctx);
    expect(quick.rowCount).toBeGreaterThan(0);
    expect(quick.rowCount).toBeLessThan(60);

    // Statements the service runs on its writer from here on (none may be a query's).
    let onWriter = 0;
    const w = service.spaceDb;
    const prepare = w.prepare.bind(w);
    w.prepare = ((sql: string) => (onWriter++, prepare(sql))) as typeof w.prepare;

    // A sync worker's write transaction, as during an index rebuild or the metrics refresh.
    const writer = new Database(path, { fileMustExist: true });
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    writer.exec("UPDATE licences SET _last_seen = '2030-01-01T00:00:00Z'");
    try {
      const started = performance.now();
      const block = await h['grid.query']({ dataset: 'licences', startRow: 0, endRow: 100, ...view, sortModel: [{ colId: 'maintenanceStartDate', sort: 'desc' }] }, ctx);
      expect(block.rowCount).toBe(60);
      const quickBlock = await h['grid.block']({ dataset: 'licences', startRow: 0, endRow: 100, ...view, quickFilter: 'customer1' }, ctx);
      expect((await h['grid.count']({ dataset: 'licences', filterModel: {}, quickFilter: 'customer1', flags: {} }, ctx)).rowCount).toBe(quickBlock.rows.length);
      expect((await h['grid.rows']({ dataset: 'transactions', startRow: 0, endRow: 10, sortModel: [] }, ctx)).rowCount).toBe(30);
      expect(Object.keys(await h['grid.facets']({ dataset: 'licences', columns: ['hosting'], filterModel: {}, quickFilter: '', search: '', limit: 200, flags: {} }, ctx))).toEqual(['hosting']);
      expect((await h['grid.record']({ dataset: 'licences', key: block.rows[0]![0] as string }, ctx)).lastSeen).not.toBe('2030-01-01T00:00:00Z');
      expect((await h['datasets.summary']({}, ctx)).find((d) => d.id === 'licences')?.rowCount).toBe(60);
      for (const id of dashboardIds) {
        const d = await h['dashboard.get']({ id, controls: { from: '2024-01-01', to: '2026-03-01', granularity: 'month', apps: [], hosting: [] } }, ctx);
        expect(d.id).toBe(id);
      }
      const out = join(dataDir, 'licences.csv');
      const started2 = await h['export.start']({ dataset: 'licences', view, format: 'csv', path: out }, ctx);
      expect(started2.rowCount).toBe(60);
      for (let i = 0; i < 500 && !events.some((e) => e.event === 'export.progress' && (e.payload as { phase: string }).phase !== 'running'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(events.filter((e) => e.event === 'export.progress').at(-1)?.payload).toMatchObject({ phase: 'done', done: 60 });
      expect(existsSync(out) && readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(61);
      // Nothing waited for the lock (a write would have failed or waited out the busy timeout),
      // and every statement ran on the reader.
      expect(performance.now() - started).toBeLessThan(4000);
      expect(onWriter).toBe(0);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});
