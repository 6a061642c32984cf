import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewStateSchema, type ViewStateInput } from '../../../src/shared/contract-grid';
import { blockSql, compileView, countSql, pageSql, whereOf } from '../../../src/main/query/build-query';
import { queryGrid } from '../../../src/main/query/grid-query';
import { chooseBlockPlan } from '../../../src/main/query/block-plan';
import { chooseQuickShape } from '../../../src/main/query/quick-plan';
import { finishBulkLoad } from '../../../src/main/query/indexes';
import { recordDataset } from '../../../src/shared/catalogue';
import { createSeededSpace, type SeededSpace } from './fixtures';

const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 3000, transactions: 3000, seed: 5 });
  queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 1, ...viewStateSchema.parse({}) });
  // What the sync does after a bulk load: indexes, full text, planner statistics.
  finishBulkLoad(space.db, recordDataset('licences'));
  finishBulkLoad(space.db, recordDataset('transactions'));
});
afterAll(() => space.close());

function plan(sql: string, params: unknown[]): string[] {
  return (space.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** A full scan reads "SCAN <table>" with no index; a sort of the whole result uses a temp B-tree. */
function expectIndexed(lines: string[], table: string, { sorted = true } = {}) {
  expect(lines.some((l) => l === `SCAN ${table}`), lines.join('\n')).toBe(false);
  if (sorted) expect(lines.some((l) => /USE TEMP B-TREE FOR ORDER BY/.test(l) && !/RIGHT PART/.test(l)), lines.join('\n')).toBe(false);
}

const shapes: [string, 'licences' | 'transactions', ViewStateInput][] = [
  ['default sort', 'licences', {}],
  ['status filter + default sort', 'licences', { filterModel: { status: { filterType: 'set', values: ['active'] } } }],
  ['three filters + default sort', 'licences', { filterModel: { status: { filterType: 'set', values: ['active'] }, hosting: { filterType: 'set', values: ['Cloud'] }, country: { filterType: 'set', values: ['Germany', 'France'] } } }],
  ['sort by company', 'licences', { sortModel: [{ colId: 'company', sort: 'asc' }] }],
  ['hosting filter + sort by company', 'licences', { filterModel: { hosting: { filterType: 'set', values: ['Server'] } }, sortModel: [{ colId: 'company', sort: 'asc' }] }],
  ['renewals: status + end-date range, sorted by end date', 'licences', { filterModel: { status: { filterType: 'set', values: ['active'] }, maintenanceEndDate: { filterType: 'date', type: 'inRange', dateFrom: '2026-03-15', dateTo: '2026-06-15' } }, sortModel: [{ colId: 'maintenanceEndDate', sort: 'asc' }] }],
  ['date range + sort by the date', 'transactions', { filterModel: { saleDate: { filterType: 'date', type: 'last365Days' } } }],
  ['hosting + sale type + sort by sale date', 'transactions', { filterModel: { hosting: { filterType: 'set', values: ['Cloud'] }, saleType: { filterType: 'set', values: ['New', 'Renewal'] } } }],
  ['hosting + sale type + date range, sorted by sale date', 'transactions', { filterModel: { hosting: { filterType: 'set', values: ['Cloud'] }, saleType: { filterType: 'set', values: ['New', 'Renewal'] }, saleDate: { filterType: 'date', type: 'last365Days' } } }],
  ['sort by vendor amount', 'transactions', { sortModel: [{ colId: 'vendorAmount', sort: 'desc' }] }],
];

/** The plan `chooseBlockPlan` picks with the view's real counts (queryGrid's way). */
function chosenPlan(dataset: 'licences' | 'transactions', compiled: ReturnType<typeof compileView>, offset: number) {
  const count = countSql(compiled);
  const rowCount = (space.db.prepare(count.sql).get(...count.params) as { n: number }).n;
  const totalCount = (space.db.prepare(`SELECT count(*) AS n FROM ${dataset}`).get() as { n: number }).n;
  return chooseBlockPlan(compiled, { offset, limit: 100, rowCount, totalCount });
}

describe('EXPLAIN QUERY PLAN: the main grid queries use indexes', () => {
  it.each(shapes)('block: %s', (_name, dataset, view) => {
    const compiled = compileView(dataset, viewStateSchema.parse(view), now);
    // The page of rowids is found with no sort of every matching row (a walk of an index in
    // the order, or sorting only the few matches)…
    const chosen = chosenPlan(dataset, compiled, 100);
    const page = pageSql(compiled, 100, 100, { plan: chosen });
    expectIndexed(plan(page.sql, page.params), dataset, { sorted: chosen !== 'match' });
    // …and the block reads only those rows by rowid.
    const block = blockSql(compiled, 100, 100, { plan: chosen });
    expect(plan(block.sql, block.params)).toContain(`SEARCH ${dataset} USING INTEGER PRIMARY KEY (rowid=?)`);
  });
  const threeFilters: ViewStateInput['filterModel'] = { status: { filterType: 'set', values: ['active'] }, hosting: { filterType: 'set', values: ['Cloud'] }, country: { filterType: 'set', values: ['Germany', 'France'] } };

  it('a walk in the default order tests enum filters inside the walk index: no table row, no sort', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: threeFilters }), now);
    const page = pageSql(compiled, 900, 100, { plan: 'walk' });
    const lines = plan(page.sql, page.params);
    expect(lines).toEqual(['SCAN licences USING COVERING INDEX licences_grid_walk_maintenanceStartDate']);
    // A range on the sort column itself still bounds the walk.
    const ranged = compileView('transactions', viewStateSchema.parse({ filterModel: { hosting: { filterType: 'set', values: ['Cloud'] }, saleDate: { filterType: 'date', type: 'last365Days' } } }), now);
    const rangedPage = pageSql(ranged, 0, 100, { plan: 'walk' });
    expect(plan(rangedPage.sql, rangedPage.params)).toEqual(['SEARCH transactions USING COVERING INDEX transactions_grid_walk_saleDate (saleDate>? AND saleDate<?)']);
  });

  it('a walk in another order follows that column\'s index, not the filter\'s', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: { hosting: { filterType: 'set', values: ['Server'] } }, sortModel: [{ colId: 'company', sort: 'asc' }] }), now);
    const page = pageSql(compiled, 0, 100, { plan: 'walk' });
    expect(plan(page.sql, page.params)).toEqual(['SCAN licences USING INDEX licences_grid_company']);
  });

  it('sorted by a date or number column, a range on the default date is tested inside that column\'s index', () => {
    const compiled = compileView('transactions', viewStateSchema.parse({ filterModel: { saleDate: { filterType: 'date', type: 'inRange', dateFrom: '2026-01-01', dateTo: '2026-03-31' } }, sortModel: [{ colId: 'vendorAmount', sort: 'desc' }] }), now);
    const page = pageSql(compiled, 0, 100, { plan: 'walk' });
    expect(plan(page.sql, page.params)).toEqual(['SCAN transactions USING COVERING INDEX transactions_grid_walk_vendorAmount']);
  });

  it('sorted by another date column, enum filters are tested inside that column\'s walk index', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: { country: { filterType: 'set', values: ['Japan'] } }, sortModel: [{ colId: 'lastUpdated', sort: 'desc' }] }), now);
    const page = pageSql(compiled, 1900, 100, { plan: 'walk' });
    expect(plan(page.sql, page.params)).toEqual(['SCAN licences USING COVERING INDEX licences_grid_walk_lastUpdated']);
    // At 1M licences, 1 in 6 in Japan: a block at row 1,900 walks ~12k entries, inside the index.
    expect(chooseBlockPlan(compiled, { offset: 1900, limit: 100, rowCount: 166_000, totalCount: 1_000_000 })).toBe('walk');
  });

  it('few matches are found by the filter index and sorted', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: threeFilters }), now);
    const page = pageSql(compiled, 0, 100, { plan: 'match' });
    expect(plan(page.sql, page.params).join('\n')).toMatch(/^SEARCH licences USING COVERING INDEX licences_grid_filters \(hosting=\? AND status=\? AND country=\?\)\nUSE TEMP B-TREE FOR ORDER BY$/);
  });

  it('chooses the plan from the counts: a short walk, else few matches sorted, else the planner', () => {
    const view = (filterModel: ViewStateInput['filterModel'], sortModel: ViewStateInput['sortModel'] = []) => compileView('licences', viewStateSchema.parse({ filterModel, sortModel }), now);
    const million = { limit: 100, totalCount: 1_000_000 };
    // The bench's block at 1M licences: 1 row in 18 matches, the walk reads ~36k index entries.
    expect(chooseBlockPlan(view(threeFilters), { ...million, offset: 1900, rowCount: 55_000 })).toBe('walk');
    // Scrolled far: the walk would be long, the matches are too many to sort.
    expect(chooseBlockPlan(view(threeFilters), { ...million, offset: 20_000, rowCount: 55_000 })).toBe('planner');
    // Past the middle the walk starts from the end.
    expect(chooseBlockPlan(view(threeFilters), { ...million, offset: 54_000, rowCount: 55_000 })).toBe('walk');
    // Very selective filters: 5,000 matches found by the filter index and sorted.
    expect(chooseBlockPlan(view(threeFilters), { ...million, offset: 1900, rowCount: 5_000 })).toBe('match');
    // Sorted by company (reads a table row per entry): walked while shorter than the matches.
    const byCompany = view({ hosting: { filterType: 'set', values: ['Server'] } }, [{ colId: 'company', sort: 'asc' }]);
    expect(chooseBlockPlan(byCompany, { ...million, offset: 1900, rowCount: 333_000 })).toBe('walk');
    expect(chooseBlockPlan(byCompany, { ...million, offset: 1900, rowCount: 40_000 })).toBe('planner');
    // No filter but on the sort column itself, or no match: nothing to choose.
    expect(chooseBlockPlan(view({ maintenanceStartDate: { filterType: 'date', type: 'last30Days' } }), { ...million, offset: 0, rowCount: 10_000 })).toBe('planner');
    expect(chooseBlockPlan(view(threeFilters), { ...million, offset: 0, rowCount: 0 })).toBe('planner');
  });

  it('count with a filter on an indexed column', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: { status: { filterType: 'set', values: ['active'] } } }), now);
    const built = countSql(compiled);
    const lines = plan(built.sql, built.params);
    expect(lines.join('\n')).toMatch(/USING (COVERING )?INDEX licences_grid_status/);
  });

  it('quick filter goes through the full-text index: few matches by rowid, many along the sort index', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ quickFilter: 'acme' }), now);
    const few = pageSql(compiled, 0, 100, { quickShape: 'match' });
    expect(plan(few.sql, few.params).join('\n')).toMatch(/SEARCH licences USING INTEGER PRIMARY KEY[\s\S]*VIRTUAL TABLE INDEX/);
    const many = pageSql(compiled, 0, 100, { quickShape: 'ordered' });
    const lines = plan(many.sql, many.params);
    expect(lines.join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    expectIndexed(lines, 'licences');
    // A word in most rows: the sort index is walked and each row looked up, nothing collected or sorted.
    const lookup = pageSql(compiled, 0, 100, { quickShape: 'lookup' });
    const walked = plan(lookup.sql, lookup.params).join('\n');
    expect(walked).toMatch(/SCAN licences USING COVERING INDEX licences_grid_walk_maintenanceStartDate[\s\S]*CORRELATED SCALAR SUBQUERY|SCAN licences USING COVERING INDEX licences_grid_walk_maintenanceStartDate[\s\S]*VIRTUAL TABLE INDEX/);
    expect(walked).not.toMatch(/TEMP B-TREE|LIST SUBQUERY/);
  });

  it('chooses the quick-filter shape from the share of rows matching', () => {
    const shape = (quickFilter: string, matches: number, offset = 0, extra: object = {}) =>
      chooseQuickShape(compileView('licences', viewStateSchema.parse({ quickFilter, ...extra }), now), { offset, limit: 100, matches, total: 1_000_000 });
    expect(shape('zzq', 0)).toBe('match');
    expect(shape('glo', 1500)).toBe('match');
    expect(shape('glo', 81_000)).toBe('ordered');
    expect(shape('john', 216_000)).toBe('lookup');
    expect(shape('mail', 408_000)).toBe('lookup');
    expect(shape('acme', 1_000_000)).toBe('lookup');
    // Deep in the order (from either end), the lookups would outnumber the matches collected once.
    expect(shape('acme', 1_000_000, 400_000)).toBe('ordered');
    expect(shape('acme', 1_000_000, 999_900)).toBe('lookup');
    // With a column filter, or a sort no index walks, SQLite could test the lookup on every row.
    expect(shape('acme', 1_000_000, 0, { filterModel: { status: { filterType: 'set', values: ['active'] } } })).toBe('ordered');
    expect(shape('acme', 1_000_000, 0, { sortModel: [{ colId: 'technicalContactPhone', sort: 'asc' }] })).toBe('ordered');
  });

  it('facet counts of an enum column read its index, not the table', () => {
    const compiled = compileView('licences', viewStateSchema.parse({}), now);
    const where = whereOf(compiled, { exceptColumn: 'country' });
    const lines = plan(`SELECT "country", count(*) FROM licences${where.sql} GROUP BY "country"`, where.params);
    expect(lines.join('\n')).toMatch(/COVERING INDEX licences_grid_country/);
  });
});
