import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { methods } from '../../../src/shared/contract';
import { gridCountRequestSchema, viewStateSchema, type GridQueryRequest, type ViewStateInput } from '../../../src/shared/contract-grid';
import { AppFailure } from '../../../src/shared/result';
import { compileView } from '../../../src/main/query/build-query';
import { forgetCounts, queryBlock, queryCounts, queryGrid, type QueryContext } from '../../../src/main/query/grid-query';
import { sortIndexOf } from '../../../src/main/query/indexes';
import { chooseQuickShape, quickShapeCap } from '../../../src/main/query/quick-plan';
import { createSeededSpace, type SeededSpace } from './fixtures';
import { evaluateView, loadRows, type RefRow } from './reference';

// grid.block answers a view's first block without waiting for every match to be counted;
// grid.count counts them. Both must agree with grid.query (block and count in one) and with the
// brute force, however the block was found.
const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
let rows: RefRow[];
beforeAll(() => {
  space = createSeededSpace({ licences: 1500, transactions: 10, seed: 23 });
  queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 1, ...viewStateSchema.parse({}) });
  rows = loadRows(space.db, recordDataset('licences'));
});
afterAll(() => space.close());

const request = (view: ViewStateInput, startRow = 0, endRow = startRow + 100): GridQueryRequest => ({ dataset: 'licences', startRow, endRow, ...viewStateSchema.parse(view) });
const countRequest = ({ sortModel: _, columns: __, ...filters }: ViewStateInput) => gridCountRequestSchema.parse({ dataset: 'licences', ...filters });
const expected = (view: ViewStateInput) => evaluateView('licences', rows, viewStateSchema.parse(view), now);
const keys = (block: { rows: unknown[][] }) => block.rows.map((r) => r[0]);

// Region has no sort index, so the lookup shape is out and the quick filter's cap is the
// ordered threshold: with it at 10, a first block meets both a bound and an exact count.
const unindexedSort = [{ colId: 'region', sort: 'asc' }] as const;
const views: [string, ViewStateInput][] = [
  ['no filter', {}],
  ['no filter, sorted', { sortModel: [{ colId: 'maintenanceEndDate', sort: 'desc' }] }],
  ['a word in most rows', { quickFilter: 'acme' }],
  ['a word in some rows', { quickFilter: 'globex' }],
  ['two words', { quickFilter: 'john example' }],
  ['no match', { quickFilter: 'zzqxw' }],
  ['quick filter, unindexed sort', { quickFilter: 'maria', sortModel: [...unindexedSort] }],
  ['quick filter and a column filter', { quickFilter: 'john', filterModel: { hosting: { filterType: 'set', values: ['Cloud'] } } }],
  ['quick filter and a flag', { quickFilter: 'wei', flags: { sandbox: false } }],
  ['column filters only', { filterModel: { status: { filterType: 'set', values: ['active'] }, country: { filterType: 'set', values: ['Japan'] } } }],
];

describe('grid.block and grid.count', () => {
  it('has no sort index on region (the premise of the unindexed views)', () => {
    expect(sortIndexOf(recordDataset('licences'), 'region')).toBeUndefined();
  });

  for (const threshold of [undefined, 10]) {
    it.each(views)(`answers the rows grid.query does, counted exactly when it says so: %s (threshold ${threshold ?? 'default'})`, (_, view) => {
      const ctx: QueryContext = { db: space.db, now, ...(threshold ? { orderedQuickThreshold: threshold } : {}) };
      const want = expected(view);
      for (const startRow of [0, 100, Math.max(0, want.length - 50)]) {
        forgetCounts(space.db); // cold, as after a new filter or a sync
        const block = queryBlock(ctx, request(view, startRow));
        expect(keys(block), `rows from ${startRow}`).toEqual(want.slice(startRow, startRow + 100).map((r) => r._key));
        expect(block.totalCount).toBe(rows.length);
        // A block further down always has its count; the first one says it or leaves it to grid.count.
        if (startRow > 0 || block.rowCount !== null) expect(block.rowCount).toBe(want.length);
        expect(keys(queryGrid(ctx, request(view, startRow)))).toEqual(keys(block));
      }
      expect(queryCounts(ctx, countRequest(view))).toEqual({ rowCount: want.length, totalCount: rows.length });
    });
  }

  it('leaves the count to grid.count only when the first block is full and the matches reach the cap', () => {
    const ctx: QueryContext = { db: space.db, now, orderedQuickThreshold: 10 };
    const first = (view: ViewStateInput, endRow = 100) => (forgetCounts(space.db), queryBlock(ctx, request(view, 0, endRow)));
    const many = { quickFilter: 'acme', sortModel: [...unindexedSort] };
    expect(expected(many).length).toBeGreaterThan(100);
    expect(first(many).rowCount).toBeNull();
    // Below the cap the probe counted every match: the block answers it.
    const rare = rows.find((r) => typeof r.appEntitlementNumber === 'string')!.appEntitlementNumber as string;
    const one = { quickFilter: rare, sortModel: [...unindexedSort] };
    expect(expected(one).length).toBeLessThan(10);
    expect(first(one).rowCount).toBe(expected(one).length);
    // A first block that runs out of rows holds every match, whatever the probe said.
    const globex = { quickFilter: 'globex', sortModel: [...unindexedSort] };
    const n = expected(globex).length;
    expect(n).toBeGreaterThan(10);
    expect(first(globex, Math.min(1000, n + 1)).rowCount).toBe(n);
    expect(first(globex, n - 1).rowCount).toBeNull();
    // What grid.block left open, grid.count closes; a following block reuses it.
    expect(queryCounts(ctx, countRequest(globex)).rowCount).toBe(n);
    expect(queryBlock(ctx, request(globex, 0, n - 1)).rowCount).toBe(n);
  });

  it('reads no block past an exact count (a walk would still read the whole sort index)', () => {
    const ctx: QueryContext = { db: space.db, now };
    const none = { flags: { gone: true } };
    expect(expected(none)).toHaveLength(0);
    expect(queryCounts(ctx, countRequest(none)).rowCount).toBe(0);
    const blocks: string[] = [];
    const prepare = space.db.prepare.bind(space.db);
    space.db.prepare = ((sql: string) => (sql.includes('ORDER BY') && blocks.push(sql), prepare(sql))) as typeof space.db.prepare;
    try {
      expect(queryBlock(ctx, request(none)).rows).toEqual([]);
      expect(queryGrid(ctx, request({}, 1500)).rows).toEqual([]);
      expect(blocks).toEqual([]);
      expect(queryGrid(ctx, request({}, 1400)).rows).toHaveLength(100);
      expect(blocks).toHaveLength(1);
    } finally {
      space.db.prepare = prepare;
    }
  });

  it('counts afresh after another connection writes', () => {
    const ctx: QueryContext = { db: space.db, now };
    const view = { quickFilter: 'zoë' };
    const before = queryCounts(ctx, countRequest(view)).rowCount;
    expect(queryBlock(ctx, request(view)).rowCount).toBe(before);
    const other = new Database(space.path);
    try {
      const row = rows.find((r) => typeof r.company === 'string' && !r.company.startsWith('Zo'))!;
      other.prepare("UPDATE licences SET company = 'Zoë Analytics' WHERE _key = ?").run(row._key);
      expect(queryBlock(ctx, request(view)).rowCount).toBe(before + 1);
      expect(queryCounts(ctx, countRequest(view)).rowCount).toBe(before + 1);
      other.prepare('UPDATE licences SET company = ? WHERE _key = ?').run(row.company, row._key);
    } finally {
      other.close();
    }
    expect(queryCounts(ctx, countRequest(view)).rowCount).toBe(before);
  });
});

describe('the quick filter cap', () => {
  const view = compileView('licences', viewStateSchema.parse({ quickFilter: 'acme', sortModel: [{ colId: 'maintenanceStartDate', sort: 'desc' }] }), now);
  it('is where the shape stops changing, so a count stopped there chooses as the exact one would', () => {
    for (const total of [1500, 100_000, 1_000_000]) {
      const cap = quickShapeCap(view, { offset: 0, limit: 100, total });
      const shape = (matches: number) => chooseQuickShape(view, { offset: 0, limit: 100, matches, total });
      expect(shape(cap - 1)).not.toBe('lookup');
      for (const matches of [cap, cap + 1, cap * 2, total]) if (matches >= cap) expect(shape(matches)).toBe(shape(cap));
    }
    expect(quickShapeCap(view, { offset: 0, limit: 100, total: 1_000_000 })).toBe(122_475);
    expect(chooseQuickShape(view, { offset: 0, limit: 100, matches: 122_475, total: 1_000_000 })).toBe('lookup');
  });

  it('is the ordered threshold where no lookup can be taken (other filters, an unindexed sort)', () => {
    const filtered = compileView('licences', viewStateSchema.parse({ quickFilter: 'acme', filterModel: { hosting: { filterType: 'set', values: ['Cloud'] } } }), now);
    expect(quickShapeCap(filtered, { offset: 0, limit: 100, total: 1_000_000 })).toBe(2000);
    const unindexed = compileView('licences', viewStateSchema.parse({ quickFilter: 'acme', sortModel: [...unindexedSort] }), now);
    expect(quickShapeCap(unindexed, { offset: 0, limit: 100, total: 1_000_000 }, 10)).toBe(10);
  });
});

describe('requests', () => {
  const parse = <M extends 'grid.block' | 'grid.count'>(method: M, value: unknown) => methods[method].request.safeParse(value);

  it('grid.count takes a view\'s filters only: rows, sort and columns are refused', () => {
    expect(parse('grid.count', { dataset: 'licences', quickFilter: 'acme' }).success).toBe(true);
    for (const extra of [{ startRow: 0 }, { endRow: 100 }, { sortModel: [] }, { columns: ['company'] }, { count: 'none' }]) {
      expect(parse('grid.count', { dataset: 'licences', ...extra }).success, JSON.stringify(extra)).toBe(false);
    }
    expect(parse('grid.count', { dataset: 'licences; DROP TABLE licences' }).success).toBe(false);
    expect(parse('grid.count', { dataset: 'licences', quickFilter: 'x'.repeat(201) }).success).toBe(false);
    expect(parse('grid.count', { dataset: 'licences', filterModel: { company: { filterType: 'text', type: 'like', filter: '%' } } }).success).toBe(false);
  });

  it('grid.block takes a block request as grid.query does', () => {
    expect(parse('grid.block', { dataset: 'licences', startRow: 0, endRow: 100 }).success).toBe(true);
    expect(parse('grid.block', { dataset: 'licences', startRow: 100, endRow: 100 }).success).toBe(false);
    expect(parse('grid.block', { dataset: 'licences', startRow: 0, endRow: 1001 }).success).toBe(false);
    expect(parse('grid.block', { dataset: 'licences', startRow: 0, endRow: 100, rowCount: 5 }).success).toBe(false);
  });

  it('refuses unknown columns before any SQL runs, and takes hostile text as words', () => {
    const ctx: QueryContext = { db: space.db, now };
    for (const name of ['"x; DROP TABLE licences; --', '_raw', 'rowid']) {
      const view = { filterModel: { [name]: { filterType: 'text', type: 'contains', filter: 'a' } } } as ViewStateInput;
      for (const run of [() => queryCounts(ctx, countRequest(view)), () => queryBlock(ctx, request(view))]) {
        expect(run).toThrow(AppFailure);
        expect(run).toThrow(/Unknown column/);
      }
    }
    for (const text of ['acme" OR "zz', "'); DROP TABLE licences; --", 'NEAR(acme john)', 'company:acme', '*', '"']) {
      forgetCounts(space.db);
      const want = expected({ quickFilter: text }).length;
      expect(queryBlock(ctx, request({ quickFilter: text })).rows).toHaveLength(Math.min(100, want));
      expect(queryCounts(ctx, countRequest({ quickFilter: text })).rowCount, text).toBe(want);
    }
    expect((space.db.prepare('SELECT count(*) AS n FROM licences').get() as { n: number }).n).toBe(1500);
  });
});
