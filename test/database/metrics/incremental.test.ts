import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSinceLastSync } from '../../../src/main/dashboards/since-last-sync';
import { metricStateTables, metricTables, refreshMetrics } from '../../../src/main/metrics';
import { openSpaceDatabase } from '../../../src/main/space-database';
import type { Db } from '../../../src/main/store';
import { RandomSpace, seededRandom } from './random-space';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-incremental-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every metric table, rows in key order: what the dashboards read and what the next refresh starts from. */
function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const table of [...metricTables, ...metricStateTables]) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw(true).all();
  out.since = [db.prepare("SELECT value FROM metric_state WHERE key = 'since_last_sync'").pluck().get() ?? null];
  out.rows = [db.prepare("SELECT value FROM metric_state WHERE key = 'rows'").pluck().get()];
  return out;
}

const at = (d: string, hour = 0) => new Date(Date.parse(`${d}T00:00:00Z`) + hour * 3_600_000);
const days = ['2025-05-20', '2025-05-21', '2025-05-29', '2025-06-03', '2025-06-04', '2025-07-15'];

describe('incremental refresh', () => {
  // Seed 3 without the entitlement-number indexes (dropped as during a bulk load): cohorts recomputed whole.
  for (const [seed, cohorts] of [[1, 'by-evaluation'], [2, 'by-evaluation'], [3, 'whole']] as const) {
    it(`equals a full rebuild, table by table, after each day of random changes (seed ${seed}, cohorts ${cohorts})`, () => {
      const db = openSpaceDatabase(join(dir, `seed-${seed}.sqlite`));
      if (cohorts === 'whole') for (const table of ['licences', 'transactions']) db.exec(`DROP INDEX IF EXISTS ${table}_grid_appEntitlementNumber`);
      const space = new RandomSpace(db, seededRandom(seed));
      for (let i = 0; i < 60; i++) space.addCustomer('2024-01-01');
      space.write('2025-05-19T00:00:00.000Z');
      expect(refreshMetrics(db, { asOf: '2025-05-19', now: () => at('2025-05-19', 1) }).mode).toBe('full');
      for (const d of days) {
        space.change(d);
        space.write(`${d}T00:00:00.000Z`);
        space.goneAndBack(d);
        const inc = refreshMetrics(db, { asOf: d, now: () => at(d, 1) });
        expect(inc).toMatchObject({ mode: 'incremental', conversion: cohorts });
        const incremental = dump(db);
        const overview = readSinceLastSync(db);
        refreshMetrics(db, { asOf: d, now: () => at(d, 1), mode: 'full' });
        expect(incremental).toEqual(dump(db));
        // The overview's "since the last sync" from the stored count equals one counted from the rows.
        db.prepare("DELETE FROM metric_state WHERE key = 'since_last_sync'").run();
        expect(overview).toEqual(readSinceLastSync(db));
        expect(overview.newSales.count + overview.refunds.count + overview.newEvaluations).toBeGreaterThan(0);
      }
      db.close();
    });
  }

  it('a second refresh within the same sync run adjusts that run\'s counts', () => {
    const db = openSpaceDatabase(join(dir, 'same-run.sqlite'));
    const space = new RandomSpace(db, seededRandom(7));
    for (let i = 0; i < 30; i++) space.addCustomer('2024-06-01');
    space.write('2025-03-01T00:00:00.000Z');
    refreshMetrics(db, { asOf: '2025-03-01', now: () => at('2025-03-01', 1) });
    space.change('2025-03-02');
    space.write('2025-03-02T00:00:00.000Z');
    refreshMetrics(db, { asOf: '2025-03-02', now: () => at('2025-03-02', 1) });
    // More records of the same run (same start), then gone ones: the count follows.
    space.change('2025-03-02');
    const before = db.prepare('SELECT max(id) FROM sync_runs').pluck().get() as number;
    space.write('2025-03-02T00:00:00.000Z');
    db.prepare('DELETE FROM sync_runs WHERE id > ?').run(before);
    space.goneAndBack('2025-03-02');
    expect(refreshMetrics(db, { asOf: '2025-03-02', now: () => at('2025-03-02', 2) }).mode).toBe('incremental');
    const incremental = dump(db);
    refreshMetrics(db, { asOf: '2025-03-02', now: () => at('2025-03-02', 2), mode: 'full' });
    expect(incremental.since).toEqual(dump(db).since);
    db.close();
  });

  it('rebuilds in full when the as-of day moves back, the stored state is from another format or a state table from an older shape', () => {
    const db = openSpaceDatabase(join(dir, 'fallback.sqlite'));
    const space = new RandomSpace(db, seededRandom(11));
    for (let i = 0; i < 10; i++) space.addCustomer('2024-06-01');
    space.write('2025-03-01T00:00:00.000Z');
    expect(refreshMetrics(db, { asOf: '2025-03-10' }).mode).toBe('full');
    expect(refreshMetrics(db, { asOf: '2025-03-09' }).mode).toBe('full');
    db.prepare("UPDATE metric_state SET value = json_set(value, '$.format', 0) WHERE key = 'incremental'").run();
    expect(refreshMetrics(db, { asOf: '2025-03-09' }).mode).toBe('full');
    expect(refreshMetrics(db, { asOf: '2025-03-09' }).mode).toBe('incremental');
    // A file from before a state table changed shape: the table is made again and refilled in full.
    db.exec("DROP TABLE metric_entitlement; CREATE TABLE metric_entitlement (ent TEXT, addon TEXT); DELETE FROM metric_state WHERE key = 'state_tables'");
    expect(refreshMetrics(db, { asOf: '2025-03-09' }).mode).toBe('full');
    expect(db.prepare('SELECT count(*) FROM metric_entitlement WHERE next_event > 0').pluck().get()).toBeGreaterThan(0);
    db.close();
  });
});
