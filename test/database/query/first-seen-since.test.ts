import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportView } from '../../../src/main/export/export-view';
import { viewStateSchema, gridQueryRequestSchema } from '../../../src/shared/contract-grid';
import { queryFacets } from '../../../src/main/query/facets';
import { queryGrid } from '../../../src/main/query/grid-query';
import { recordMetaColumns as m } from '../../../src/main/store';
import { createRandom, createSeededSpace, generateLicence, seedRecords, type SeededSpace } from './fixtures';

// What a notification after a sync opens: only the records that sync brought in.
const now = new Date('2026-03-15T12:00:00Z');
const syncStart = '2026-03-10T08:00:00.000Z';
let space: SeededSpace;
beforeEach(() => {
  space = createSeededSpace({ licences: 300, transactions: 0, seed: 5 });
  const r = createRandom(77);
  // Seven licences first seen by a later sync, and one old licence that sync merely updated.
  seedRecords(space.db, 'licences', 7, (i) => ({ ...generateLicence(r, 10_000 + i), status: 'active' }), '2026-03-10T08:00:05.123Z');
  space.db.prepare(`UPDATE licences SET ${m.lastSeen} = ?, ${m.changedAt} = ? WHERE ${m.rowid} = 1`).run('2026-03-10T08:00:05.123Z', '2026-03-10T08:00:05.123Z');
});
afterEach(() => space.close());

const request = (view: object) => ({ dataset: 'licences' as const, startRow: 0, endRow: 1000, ...viewStateSchema.parse(view) });

describe('firstSeenSince', () => {
  it('keeps exactly the records first seen at or after the instant, in rows, counts and facets', () => {
    const all = queryGrid({ db: space.db, now }, request({}));
    expect(all.rowCount).toBe(307);
    const fresh = queryGrid({ db: space.db, now }, request({ firstSeenSince: syncStart }));
    expect(fresh.rowCount).toBe(7);
    expect(fresh.rows).toHaveLength(7);
    const expected = (space.db.prepare(`SELECT ${m.key} AS k FROM licences WHERE ${m.firstSeen} >= ? ORDER BY 1`).all(syncStart) as { k: string }[]).map((r) => r.k);
    expect(fresh.rows.map((r) => String(r[0])).sort()).toEqual(expected);
    const facets = queryFacets({ db: space.db, now }, { ...viewStateSchema.parse({ firstSeenSince: syncStart }), dataset: 'licences', columns: ['status'], search: '', limit: 50 });
    expect(facets.status?.values).toEqual([{ value: 'active', count: 7 }]);
  });

  it('an export of the view holds exactly those records', async () => {
    const path = join(space.dir, 'fresh.json');
    const result = await exportView({ db: space.db, dataset: 'licences', view: viewStateSchema.parse({ firstSeenSince: syncStart, columns: ['appEntitlementId'] }), format: 'json', path, now });
    expect(result.rows).toBe(7);
    const keys = (JSON.parse(readFileSync(path, 'utf8')) as { appEntitlementId: string }[]).map((r) => r.appEntitlementId).sort();
    expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `ent-${(10_000 + i).toString(16).padStart(8, '0')}`));
  });

  it('combines with the other filters', () => {
    const fresh = queryGrid({ db: space.db, now }, request({ firstSeenSince: syncStart, filterModel: { status: { filterType: 'set', values: ['cancelled'] } } }));
    expect(fresh.rowCount).toBe(0);
  });

  it('accepts a UTC timestamp only', () => {
    for (const bad of ['yesterday', '2026-03-10', "2026-03-10T08:00:00Z' OR 1=1 --", '2026-03-10T08:00:00+02:00']) {
      expect(gridQueryRequestSchema.safeParse({ dataset: 'licences', startRow: 0, endRow: 10, firstSeenSince: bad }).success).toBe(false);
    }
    expect(gridQueryRequestSchema.safeParse({ dataset: 'licences', startRow: 0, endRow: 10, firstSeenSince: syncStart }).success).toBe(true);
  });
});
