import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewStateSchema, type ViewStateInput } from '../../../src/shared/contract-grid';
import { blockSql, compileView, countSql, pageSql } from '../../../src/main/query/build-query';
import { queryGrid } from '../../../src/main/query/grid-query';
import { finishBulkLoad } from '../../../src/main/query/indexes';
import { recordDataset } from '../../../src/shared/catalogue';
import { createSeededSpace, type SeededSpace } from './fixtures';

// A block past the middle is found by walking the order from its end (WhereOptions.rowCount):
// it must be exactly the block a forward OFFSET finds, ties and NULLs included.
const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 1200, transactions: 0, seed: 11 });
  queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 1, ...viewStateSchema.parse({}) });
  finishBulkLoad(space.db, recordDataset('licences'));
});
afterAll(() => space.close());

const views: [string, ViewStateInput][] = [
  ['default sort (dates with ties and NULLs)', {}],
  ['a four-value column: mostly ties', { sortModel: [{ colId: 'status', sort: 'asc' }] }],
  ['NULL-heavy column, descending, then a second key', { sortModel: [{ colId: 'tier', sort: 'desc' }, { colId: 'country', sort: 'asc' }] }],
  ['filters + quick filter', { quickFilter: 'acme', filterModel: { hosting: { filterType: 'set', values: ['Cloud', 'Server'] } }, sortModel: [{ colId: 'company', sort: 'asc' }] }],
];

function keys(sql: { sql: string; params: (string | number)[] }): unknown[] {
  return space.db.prepare(sql.sql).pluck().all(...sql.params);
}

describe('blocks counted from the end equal forward OFFSET blocks', () => {
  it.each(views)('%s', (_name, input) => {
    const view = compileView('licences', viewStateSchema.parse(input), now);
    const count = countSql(view);
    const total = space.db.prepare(count.sql).pluck().get(...count.params) as number;
    expect(total).toBeGreaterThan(300);
    let reversedBlocks = 0;
    for (const offset of [0, 1, total / 2 - 7, total / 2 + 1, total - 150, total - 100, total - 37, total - 1, total, total + 5].map(Math.floor)) {
      for (const limit of [1, 100]) {
        const forward = keys(pageSql(view, offset, limit));
        const fromEnd = pageSql(view, offset, limit, { rowCount: total });
        const reversed = fromEnd.sql.includes(view.reverseOrderBy);
        if (reversed) reversedBlocks++;
        // A reversed page's rowids come out backwards; the block query puts them back in order.
        const got = keys(fromEnd);
        expect(reversed ? got.reverse() : got, `offset ${offset}`).toEqual(forward);
        expect(keys(blockSql(view, offset, limit, { rowCount: total }))).toEqual(keys(blockSql(view, offset, limit)));
      }
    }
    expect(reversedBlocks).toBeGreaterThan(10);
  });

  it('queryGrid serves a deep block from the end, equal to the forward one', () => {
    const request = { dataset: 'licences' as const, startRow: 1100, endRow: 1200, ...viewStateSchema.parse({}) };
    const viaGrid = queryGrid({ db: space.db, now }, request).rows.map((r) => r[0]);
    const forward = keys(blockSql(compileView('licences', request, now), 1100, 100)).map(String);
    expect(viaGrid.length).toBe(100);
    expect(viaGrid.map(String)).toEqual(forward);
  });

  it('the reversed walk reads the sort index backwards, with no sort of the matching rows', () => {
    const view = compileView('licences', viewStateSchema.parse({}), now);
    const page = pageSql(view, 1100, 100, { rowCount: 1200 });
    const plan = (space.db.prepare(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/INDEX licences_grid_walk_maintenanceStartDate/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
