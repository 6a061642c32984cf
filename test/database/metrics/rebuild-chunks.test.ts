import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricStateTables, metricTables, refreshMetrics } from '../../../src/main/metrics';
import { parseDay } from '../../../src/main/metrics/days';
import { rebuildMetrics } from '../../../src/main/metrics/rebuild';
import { CellSums, cellKey, replaceCells, revenueDayCells, toMicros } from '../../../src/main/metrics/cells';
import { createCellSpill } from '../../../src/main/metrics/cell-spill';
import { ensureMetricTables } from '../../../src/main/metrics/schema';
import { openSpaceDatabase } from '../../../src/main/space-database';
import type { Db } from '../../../src/main/store';
import { RandomSpace, seededRandom } from './random-space';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-rebuild-chunks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dump(db: Db): Record<string, unknown[]> {
  return Object.fromEntries([...metricTables, ...metricStateTables].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw(true).all()]));
}

// A full rebuild reads the transactions in chunks that end on an entitlement boundary (the
// entitlements of a chunk are written before the next is read): any chunk size, the same tables.
describe('full rebuild in chunks', () => {
  it('gives the same metric tables and counts with chunks of 1, 2, 7 and 50,000 lines', () => {
    const db = openSpaceDatabase(join(dir, 'space.sqlite'));
    try {
      const space = new RandomSpace(db, seededRandom(7));
      for (let i = 0; i < 40; i++) space.addCustomer('2024-01-01');
      space.write('2025-05-19T00:00:00.000Z');
      for (const d of ['2025-05-20', '2025-06-03']) {
        space.change(d);
        space.write(`${d}T00:00:00.000Z`);
      }
      // Lines of both kinds: with an entitlement id, and with a number only.
      expect(db.prepare('SELECT count(*) FROM transactions WHERE appEntitlementId IS NULL AND appEntitlementNumber IS NOT NULL').pluck().get()).toBeGreaterThan(0);
      refreshMetrics(db, { asOf: '2025-06-03', mode: 'full' });
      const asOf = parseDay('2025-06-03')!;
      const rebuild = (chunkLines: number, maxCells = 100_000) => db.transaction(() => ({ counts: rebuildMetrics(db, asOf, '2025-06-03T00:00:00.000Z', { chunkLines, maxCells }), tables: dump(db) }))();
      const whole = rebuild(50_000);
      expect(whole.counts.entitlements).toBeGreaterThan(20);
      for (const chunk of [1, 2, 7]) expect(rebuild(chunk), `chunks of ${chunk}`).toEqual(whole);
      // Cells spilled to a temporary table and summed by SQL: the same cells, to the last micro.
      let spills = 0;
      const prepare = db.prepare.bind(db);
      db.prepare = ((sql: string) => {
        if (sql.startsWith('INSERT INTO temp.metric_spill_')) spills++;
        return prepare(sql);
      }) as typeof db.prepare;
      for (const [chunk, maxCells] of [[1, 1], [7, 3], [2, 40]] as const) expect(rebuild(chunk, maxCells), `chunks of ${chunk}, spilling at ${maxCells} cells`).toEqual(whole);
      // Revenue, licence deltas and app names each spill in the runs with 1 and 3 cells.
      expect(spills, 'the small limits spilled').toBeGreaterThanOrEqual(3 * 2);
    } finally {
      db.close();
    }
  });
});

describe('cell spill', () => {
  it('writes the cells replaceCells writes, whatever the order and the spills, dropping cells that sum to nothing', () => {
    const db = openSpaceDatabase(join(dir, 'spill.sqlite'));
    try {
      ensureMetricTables(db);
      const random = seededRandom(11);
      // Amounts whose float sums depend on the order (0.1 + 0.2 …), summed as micros; some cells cancel out.
      const adds = Array.from({ length: 400 }, () => {
        const key = cellKey(`2025-01-${String(1 + Math.floor(random() * 9)).padStart(2, '0')}`, 'app', 'cloud', random() < 0.5 ? 'New' : 'Renewal');
        const dollars = [0.1, 0.2, 0.3, 19.99, -0.1, 1e-6][Math.floor(random() * 6)]!;
        return { key, values: [1, 0, toMicros(dollars), toMicros(dollars * 3)], sign: random() < 0.3 ? -1 : 1 };
      });
      const table = () => db.prepare('SELECT * FROM metric_revenue_day ORDER BY 1, 2, 3, 4').raw(true).all();
      const inMemory = new CellSums(revenueDayCells);
      for (const a of adds) inMemory.add(a.key, a.values, a.sign);
      replaceCells(db, inMemory);
      const expected = table();
      expect(expected.length).toBeGreaterThan(5);
      for (const maxCells of [1, 4, 1000]) {
        const sums = new CellSums(revenueDayCells);
        const spill = createCellSpill(db, sums, maxCells);
        for (const a of [...adds].reverse()) {
          sums.add(a.key, a.values, a.sign);
          spill.spillIfFull();
        }
        if (maxCells < 1000) expect(sums.sums.size, 'spilled').toBeLessThan(maxCells);
        spill.replace();
        expect(table(), `spilling at ${maxCells}`).toEqual(expected);
        expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE name LIKE 'metric_spill_%'").pluck().get(), 'temporary table dropped').toBe(0);
      }
    } finally {
      db.close();
    }
  });
});
