import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewStateSchema, type ViewStateInput } from '../../../src/shared/contract-grid';
import { blockSql, compileView, countSql, pageSql, whereOf } from '../../../src/main/query/build-query';
import { queryGrid } from '../../../src/main/query/grid-query';
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
  ['date range + sort by the date', 'transactions', { filterModel: { saleDate: { filterType: 'date', type: 'last365Days' } } }],
  ['hosting + sale type + sort by sale date', 'transactions', { filterModel: { hosting: { filterType: 'set', values: ['Cloud'] }, saleType: { filterType: 'set', values: ['New', 'Renewal'] } } }],
  ['sort by vendor amount', 'transactions', { sortModel: [{ colId: 'vendorAmount', sort: 'desc' }] }],
];

describe('EXPLAIN QUERY PLAN: the main grid queries use indexes', () => {
  it.each(shapes)('block: %s', (_name, dataset, view) => {
    const compiled = compileView(dataset, viewStateSchema.parse(view), now);
    // The page of rowids is found in index order, with no sort of the matching rows…
    const page = pageSql(compiled, 900, 100);
    expectIndexed(plan(page.sql, page.params), dataset);
    // …and the block reads only those rows by rowid.
    const block = blockSql(compiled, 900, 100);
    expect(plan(block.sql, block.params)).toContain(`SEARCH ${dataset} USING INTEGER PRIMARY KEY (rowid=?)`);
  });

  it('count with a filter on an indexed column', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ filterModel: { status: { filterType: 'set', values: ['active'] } } }), now);
    const built = countSql(compiled);
    const lines = plan(built.sql, built.params);
    expect(lines.join('\n')).toMatch(/USING (COVERING )?INDEX licences_grid_status/);
  });

  it('quick filter goes through the full-text index: few matches by rowid, many along the sort index', () => {
    const compiled = compileView('licences', viewStateSchema.parse({ quickFilter: 'acme' }), now);
    const few = pageSql(compiled, 0, 100, { orderedQuick: false });
    expect(plan(few.sql, few.params).join('\n')).toMatch(/SEARCH licences USING INTEGER PRIMARY KEY[\s\S]*VIRTUAL TABLE INDEX/);
    const many = pageSql(compiled, 0, 100, { orderedQuick: true });
    const lines = plan(many.sql, many.params);
    expect(lines.join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
    expectIndexed(lines, 'licences');
  });

  it('facet counts of an enum column read its index, not the table', () => {
    const compiled = compileView('licences', viewStateSchema.parse({}), now);
    const where = whereOf(compiled, { exceptColumn: 'country' });
    const lines = plan(`SELECT "country", count(*) FROM licences${where.sql} GROUP BY "country"`, where.params);
    expect(lines.join('\n')).toMatch(/COVERING INDEX licences_grid_country/);
  });
});
