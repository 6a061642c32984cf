import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFacetsRequestSchema, gridQueryRequestSchema, viewStateSchema, type ViewStateInput } from '../../../src/shared/contract-grid';
import { AppFailure } from '../../../src/shared/result';
import { queryFacets } from '../../../src/main/query/facets';
import { queryGrid } from '../../../src/main/query/grid-query';
import { createSeededSpace, type SeededSpace } from './fixtures';

const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 600, transactions: 300, seed: 11 });
});
afterAll(() => space.close());

function run(view: ViewStateInput, dataset: 'licences' | 'transactions' = 'licences') {
  return queryGrid({ db: space.db, now }, { dataset, startRow: 0, endRow: 1000, ...viewStateSchema.parse(view) });
}

function companiesOf(view: ViewStateInput): string[] {
  return run({ ...view, columns: ['company'] }).rows.map((r) => String(r[2]));
}

function expectValidationError(fn: () => unknown, pattern: RegExp) {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppFailure);
  expect((error as AppFailure).code).toBe('validation');
  expect((error as AppFailure).message).toMatch(pattern);
}

const hostile = ['"name; DROP TABLE licences; --', "company' OR '1'='1", 'company"', '_key', '_raw', 'rowid', 'company--', ''];

describe('hostile column names are refused before any SQL runs', () => {
  it.each(hostile.filter((h) => h !== ''))('%s as a column, a sort key, a filter key and a facet', (name) => {
    expectValidationError(() => run({ columns: [name] }), /Unknown column/);
    expectValidationError(() => run({ sortModel: [{ colId: name, sort: 'asc' }] }), /Unknown column/);
    expectValidationError(() => run({ filterModel: { [name]: { filterType: 'text', type: 'contains', filter: 'x' } } }), /Unknown column/);
    expectValidationError(
      () => queryFacets({ db: space.db, now }, gridFacetsRequestSchema.parse({ dataset: 'licences', columns: [name] })),
      /Unknown column/,
    );
    expect((space.db.prepare('SELECT count(*) AS n FROM licences').get() as { n: number }).n).toBe(600);
  });
});

describe('values are literal', () => {
  it('quote characters match themselves', () => {
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'text', type: 'contains', filter: "o'brien" } } }))).toEqual(new Set(["O'Brien & Sons"]));
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'text', type: 'contains', filter: '"Co"' } } }))).toEqual(new Set(['Umbrella "Co"']));
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'set', values: ["O'Brien & Sons"] } } }))).toEqual(new Set(["O'Brien & Sons"]));
  });

  it('% _ and \\ in LIKE values are not wildcards', () => {
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'text', type: 'contains', filter: '%' } } }))).toEqual(new Set(['100% Cotton Ltd']));
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'text', type: 'contains', filter: '_' } } }))).toEqual(new Set(['under_score GmbH']));
    expect(new Set(companiesOf({ filterModel: { company: { filterType: 'text', type: 'contains', filter: '\\' } } }))).toEqual(new Set(['Back\\slash Inc']));
    expect(companiesOf({ filterModel: { company: { filterType: 'text', type: 'equals', filter: '%' } } })).toEqual([]);
    expect(companiesOf({ filterModel: { company: { filterType: 'text', type: 'startsWith', filter: '_' } } })).toEqual([]);
  });

  it('FTS syntax in the quick filter neither errors nor injects', () => {
    const all = run({}).rowCount;
    for (const text of ['"', '""', "'", '*', 'a*', 'NEAR(a b)', 'company:acme', 'AND', 'OR NOT', '^acme', '(', ')', '-acme', '{company}', ':', '\\', '%', '\u0000', '😀', 'acme"* OR "']) {
      const got = run({ quickFilter: text });
      expect(got.rowCount, text).toBeLessThanOrEqual(all);
    }
    expect(run({ quickFilter: '"*()' }).rowCount).toBe(all); // no words: no quick filter
    expect(run({ quickFilter: 'acme"* OR "zzzz' }).rowCount).toBe(0); // every word must match
    expect(run({ quickFilter: 'ACME' }).rowCount).toBeGreaterThan(0);
  });
});

describe('type and shape validation', () => {
  it('refuses filters that do not fit the column type', () => {
    expectValidationError(() => run({ filterModel: { company: { filterType: 'number', type: 'equals', filter: 1 } } }), /cannot take a number filter/);
    expectValidationError(() => run({ filterModel: { maintenanceStartDate: { filterType: 'text', type: 'contains', filter: '2024' } } }), /cannot take a text filter/);
    expectValidationError(() => run({ filterModel: { vendorAmount: { filterType: 'set', values: ['10'] } } }, 'transactions'), /does not fit/);
    expectValidationError(() => run({ filterModel: { maintenanceStartDate: { filterType: 'date', type: 'equals', dateFrom: '2024-02-30' } } }), /not a calendar date/);
    expectValidationError(() => run({ columns: ['company', 'company'] }), /twice/);
    expectValidationError(
      () => queryFacets({ db: space.db, now }, gridFacetsRequestSchema.parse({ dataset: 'licences', columns: ['cloudComplianceBoundaries'] })),
      /no value counts/,
    );
  });

  it('the request schema bounds sizes and shapes', () => {
    const base = { dataset: 'licences', startRow: 0, endRow: 100 };
    const bad: unknown[] = [
      { ...base, dataset: 'licences; DROP' },
      { ...base, endRow: 5000 },
      { ...base, startRow: -1 },
      { ...base, quickFilter: 'x'.repeat(201) },
      { ...base, filterModel: { company: { filterType: 'text', type: 'contains', filter: 'x'.repeat(501) } } },
      { ...base, filterModel: { company: { filterType: 'text', type: 'like', filter: 'x' } } },
      { ...base, filterModel: { company: { filterType: 'text', type: 'contains' } } },
      { ...base, filterModel: { company: { filterType: 'regex', type: 'contains', filter: 'x' } } },
      { ...base, filterModel: { company: { filterType: 'text', type: 'contains', filter: 'x', extra: 1 } } },
      { ...base, filterModel: { vendorAmount: { filterType: 'number', type: 'inRange', filter: 1 } } },
      { ...base, filterModel: { vendorAmount: { filterType: 'number', type: 'equals', filter: Number.NaN } } },
      { ...base, filterModel: { saleDate: { filterType: 'date', type: 'equals', dateFrom: "2024-01-01' OR 1=1" } } },
      { ...base, filterModel: { company: { filterType: 'set', values: Array.from({ length: 1001 }, () => 'x') } } },
      { ...base, filterModel: { company: { filterType: 'text', operator: 'XOR', conditions: [{ filterType: 'text', type: 'contains', filter: 'a' }] } } },
      { ...base, sortModel: [{ colId: 'company', sort: 'sideways' }] },
      { ...base, flags: { hacked: true } },
      { ...base, columns: Array.from({ length: 201 }, () => 'company') },
    ];
    for (const request of bad) expect(gridQueryRequestSchema.safeParse(request).success, JSON.stringify(request).slice(0, 200)).toBe(false);
    expect(gridQueryRequestSchema.safeParse({ ...base, filterModel: { company: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'contains', filter: 'a' }, { filterType: 'text', type: 'blank' }] } } }).success).toBe(true);
  });
});

describe('date presets use the injected clock (UTC)', () => {
  it('last30Days and thisMonth move with the clock', () => {
    const space2 = space.db;
    const at = (iso: string, type: 'last30Days' | 'thisMonth') =>
      queryGrid({ db: space2, now: new Date(iso) }, { dataset: 'transactions', startRow: 0, endRow: 1000, ...viewStateSchema.parse({ filterModel: { saleDate: { filterType: 'date', type } }, columns: ['saleDate'] }) }).rows.map((r) => String(r[2]));
    for (const d of at('2025-06-15T23:59:00Z', 'last30Days')) expect(d >= '2025-05-17' && d <= '2025-06-15').toBe(true);
    for (const d of at('2025-06-01T00:30:00+02:00', 'thisMonth')) expect(d.startsWith('2025-05')).toBe(true); // 22:30 UTC on 31 May
    expect(at('2025-06-15T12:00:00Z', 'last30Days')).not.toEqual(at('2024-06-15T12:00:00Z', 'last30Days'));
  });
});
