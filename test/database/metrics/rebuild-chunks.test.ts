import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricStateTables, metricTables, refreshMetrics } from '../../../src/main/metrics';
import { parseDay } from '../../../src/main/metrics/days';
import { rebuildMetrics } from '../../../src/main/metrics/rebuild';
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
      const rebuild = (chunk: number) => db.transaction(() => ({ counts: rebuildMetrics(db, asOf, '2025-06-03T00:00:00.000Z', chunk), tables: dump(db) }))();
      const whole = rebuild(50_000);
      expect(whole.counts.entitlements).toBeGreaterThan(20);
      for (const chunk of [1, 2, 7]) expect(rebuild(chunk), `chunks of ${chunk}`).toEqual(whole);
    } finally {
      db.close();
    }
  });
});
