import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { viewStateSchema, type ColumnFilter, type ViewState } from '../../../src/shared/contract-grid';
import { queryFacets } from '../../../src/main/query/facets';
import { queryGrid } from '../../../src/main/query/grid-query';
import { createRandom, createSeededSpace, type Random, type SeededSpace } from './fixtures';
import { evaluateView, flagsOf, loadRows, type RefRow } from './reference';

const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
const rowsOf: Record<string, RefRow[]> = {};

beforeAll(() => {
  space = createSeededSpace({ licences: 1500, transactions: 1500, seed: 7 });
  // Some records changed by Atlassian and some gone from the API, for the flags.
  space.db.exec(`UPDATE licences SET _changed_at = '2026-03-02' WHERE _rowid % 7 = 0; UPDATE licences SET _gone_since = '2026-03-03' WHERE _rowid % 11 = 0`);
  queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 1, ...viewStateSchema.parse({}) });
  rowsOf.licences = loadRows(space.db, recordDataset('licences'));
  rowsOf.transactions = loadRows(space.db, recordDataset('transactions'));
});
afterAll(() => space.close());

type DatasetId = 'licences' | 'transactions';
const filterable: Record<DatasetId, string[]> = {
  licences: ['company', 'status', 'hosting', 'tier', 'maintenanceStartDate', 'maintenanceEndDate', 'technicalContactEmail', 'country', 'addonKey', 'cloudSiteHostname', 'partnerName', 'installedOnSandbox', 'appEntitlementNumber', 'billingContactEmail'],
  transactions: ['company', 'saleType', 'hosting', 'saleDate', 'purchasePrice', 'vendorAmount', 'country', 'tier', 'technicalContactEmail', 'addonName', 'transactionId', 'appEntitlementNumber'],
};

function sampleValue(r: Random, rows: RefRow[], column: string): string | number | null {
  return rows[r.int(0, rows.length - 1)]![column] ?? null;
}

function randomCondition(r: Random, dataset: DatasetId, column: string): ColumnFilter {
  const type = recordDataset(dataset).columns.find((c) => c.name === column)!.type;
  const rows = rowsOf[dataset]!;
  const v = sampleValue(r, rows, column);
  if (type === 'number' || type === 'money') {
    const n = typeof v === 'number' ? v : r.int(-60, 1300);
    const t = r.pick(['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'] as const);
    return { filterType: 'number', type: t, filter: n, filterTo: t === 'inRange' ? r.int(-60, 1300) : null };
  }
  if (type === 'date') {
    const d = typeof v === 'string' ? v.slice(0, 10) : '2024-06-01';
    const t = r.pick(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank', 'last30Days', 'thisYear', 'lastYear', 'last365Days', 'lastMonth', 'thisQuarter'] as const);
    return { filterType: 'date', type: t, dateFrom: `${d} 00:00:00`, dateTo: t === 'inRange' ? `${r.int(2019, 2027)}-0${r.int(1, 9)}-1${r.int(0, 9)}` : null };
  }
  if (type === 'enum' && r.next() < 0.6) {
    const values = [v, sampleValue(r, rows, column), ...(r.next() < 0.2 ? [null] : [])];
    return { filterType: 'set', values: values.map((x) => (typeof x === 'number' ? String(x) : x)) };
  }
  const text = typeof v === 'string' ? v : 'acme';
  const t = r.pick(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'] as const);
  // A prefix for "starts with" (lookup columns answer it as a NOCASE range), else anywhere.
  const start = t === 'startsWith' && r.next() < 0.7 ? 0 : r.int(0, Math.max(0, text.length - 2));
  const fragment = r.next() < 0.5 ? text.slice(start, start + r.int(1, 12)) : text;
  return { filterType: 'text', type: t, filter: r.next() < 0.3 ? fragment.toUpperCase() : fragment };
}

function randomView(r: Random, dataset: DatasetId): ViewState {
  const columns = filterable[dataset];
  const filterModel: Record<string, ColumnFilter> = {};
  for (let i = r.int(0, 3); i > 0; i--) {
    const column = r.pick(columns);
    const first = randomCondition(r, dataset, column);
    if (r.next() < 0.25 && first.filterType !== 'set' && !('conditions' in first)) {
      const second = randomCondition(r, dataset, column);
      if (second.filterType === first.filterType) {
        filterModel[column] = { filterType: first.filterType, operator: r.pick(['AND', 'OR'] as const), conditions: [first, second] } as ColumnFilter;
        continue;
      }
    }
    filterModel[column] = first;
  }
  const sortModel = Array.from({ length: r.int(0, 2) }, () => ({ colId: r.pick(columns), sort: r.pick(['asc', 'desc'] as const) }));
  const seen = new Set<string>();
  const row = rowsOf[dataset]![r.int(0, rowsOf[dataset]!.length - 1)]!;
  const quick = r.next() < 0.25 ? String(row.company ?? row.technicalContactEmail ?? 'acme').slice(0, r.int(2, 8)) : '';
  const flags = r.next() < 0.2 ? { [r.pick(['rtbf', 'zeroAmount', 'sandbox', 'changed', 'gone'] as const)]: r.next() < 0.5 } : {};
  return viewStateSchema.parse({
    filterModel,
    sortModel: sortModel.filter((s) => (seen.has(s.colId) ? false : (seen.add(s.colId), true))),
    quickFilter: quick,
    columns: ['company', 'country', 'technicalContactEmail'],
    flags,
  });
}

describe.each(['licences', 'transactions'] as const)('%s: SQL equals a brute-force evaluation', (dataset) => {
  it('for 250 random filter/sort/quick-filter/flag combinations', () => {
    const r = createRandom(dataset === 'licences' ? 1 : 2);
    let nonEmpty = 0;
    for (let i = 0; i < 250; i++) {
      const view = randomView(r, dataset);
      const expected = evaluateView(dataset, rowsOf[dataset]!, view, now);
      const startRow = r.next() < 0.5 ? 0 : r.int(0, Math.max(0, expected.length - 1));
      const endRow = startRow + r.int(1, 120);
      // Every block plan in turn (walk, sorted matches, the planner's, chosen from the counts).
      const blockPlan = (['walk', 'match', 'planner', undefined] as const)[i % 4];
      // And every quick-filter shape under each plan (chosen from the counts when undefined).
      const quickShape = (['match', 'ordered', 'lookup', undefined] as const)[Math.floor(i / 4) % 4];
      const ctx = { db: space.db, now, orderedQuickThreshold: i % 2 ? 0 : 1e9, ...(blockPlan ? { blockPlan } : {}), ...(quickShape ? { quickShape } : {}) };
      const got = queryGrid(ctx, { dataset, startRow, endRow, ...view });
      const context = JSON.stringify(view);
      expect(got.rowCount, context).toBe(expected.length);
      expect(got.totalCount).toBe(rowsOf[dataset]!.length);
      expect(got.rows.map((row) => row[0]), context).toEqual(expected.slice(startRow, endRow).map((row) => row._key));
      if (expected.length > 0) nonEmpty++;
    }
    // The generator must produce views that select something, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThan(100);
  }, 30_000);

  it('facet counts equal the brute-force counts under the other filters', () => {
    const r = createRandom(dataset === 'licences' ? 3 : 4);
    for (let i = 0; i < 40; i++) {
      const view = randomView(r, dataset);
      const column = r.pick(['country', 'hosting', 'company']);
      const search = r.next() < 0.3 ? 'a' : '';
      const got = queryFacets({ db: space.db, now }, { dataset, columns: [column], filterModel: view.filterModel, quickFilter: view.quickFilter, flags: view.flags, search, limit: 1000 });
      const counts = new Map<string | number | null, number>();
      for (const row of evaluateView(dataset, rowsOf[dataset]!, view, now, column)) {
        const v = row[column] ?? null;
        if (search && (v === null || !String(v).toLowerCase().includes(search))) continue;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const expected = [...counts].map(([value, count]) => ({ value, count }));
      expect(new Map(got[column]!.values.map((f) => [f.value, f.count])), JSON.stringify(view)).toEqual(new Map(expected.map((f) => [f.value, f.count])));
      const order = got[column]!.values.map((f) => f.count);
      expect(order).toEqual([...order].sort((a, b) => b - a));
    }
  });
});

describe('row flags', () => {
  it('carry RTBF, $0, sandbox, changed and gone per row', () => {
    for (const dataset of ['licences', 'transactions'] as const) {
      const got = queryGrid({ db: space.db, now }, { dataset, startRow: 0, endRow: 1000, ...viewStateSchema.parse({}) });
      const byKey = new Map(rowsOf[dataset]!.map((row) => [row._key, row]));
      const seen = new Set<number>();
      for (const row of got.rows) {
        const ref = byKey.get(String(row[0]))!;
        expect(row[1], String(row[0])).toBe(flagsOf(recordDataset(dataset), ref));
        seen.add(Number(row[1]));
      }
      expect(seen.size).toBeGreaterThan(2);
    }
  });
});
