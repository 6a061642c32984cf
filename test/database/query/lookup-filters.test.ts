import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { viewStateSchema, type ColumnFilter, type ViewStateInput } from '../../../src/shared/contract-grid';
import { chooseBlockPlan } from '../../../src/main/query/block-plan';
import { compileView, countSql, pageSql } from '../../../src/main/query/build-query';
import { compileFilterModel, nocasePrefixEnd } from '../../../src/main/query/filter-sql';
import { queryGrid } from '../../../src/main/query/grid-query';
import { finishBulkLoad, sortIndexOf } from '../../../src/main/query/indexes';
import { createRandom, createSeededSpace, generateLicence, seedRecords, type SeededSpace } from './fixtures';
import { matchesFilter } from './reference';

// Text filters "equals", "not equal" and "starts with" are NOCASE comparisons (filter-sql.ts) so
// a lookup column's NOCASE index serves them; they must still mean what LIKE meant: ASCII
// letters folded, every other character (accents, wildcards, quotes) itself.
const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;

// Values whose prefixes end on the characters around the folded-away upper-case letters
// ('@' is followed by '[' under NOCASE), the wildcard and escape characters, non-ASCII letters
// LIKE does not fold, and code points at the ends of the BMP and of Unicode.
const tricky = [
  'john.17@acme.test', 'JOHN.17@ACME.TEST', 'john.17@', 'john.17[x', 'john.17`x', 'john.17{x', 'john.17a', 'john.17A',
  'E-100001', 'e-100001', 'E-1000010', 'E_100001', 'E%100001', 'E\\100001', "O'Brien@x", 'Zoë@x', 'ZOË@x', 'zoë@x', 'Ünïcode',
  'ünïcode', 'a@', 'a[', 'a`', 'A@b', 'z~', 'z\u007f', 'z\u00e9', '\ud7ff', '\ue000', '\uffff', '\u{1f600}', '\u{10ffff}', '\u{10ffff}x', '', ' ',
];

beforeAll(() => {
  space = createSeededSpace({ licences: 300, transactions: 300, seed: 13 });
  const r = createRandom(5);
  seedRecords(space.db, 'licences', tricky.length, (i) => {
    const licence = generateLicence(r, 90_000 + i);
    return { ...licence, appEntitlementNumber: tricky[i], contactDetails: { ...licence.contactDetails, technicalContact: { email: tricky[tricky.length - 1 - i], name: 'T' } } };
  });
  // Planner statistics, as a sync's bulk load leaves them.
  finishBulkLoad(space.db, recordDataset('licences'));
  finishBulkLoad(space.db, recordDataset('transactions'));
});
afterAll(() => space.close());

function probes(): string[] {
  const all = new Set<string>(['', '@', '[', 'z', 'Z', '\u{10ffff}', 'john.17@acme.test ', 'nobody']);
  for (const value of tricky) {
    const points = Array.from(value);
    for (let n = 1; n <= points.length; n++) {
      const prefix = points.slice(0, n).join('');
      all.add(prefix);
      all.add(prefix.toUpperCase());
      all.add(prefix.toLowerCase());
    }
  }
  return [...all];
}

describe('lookup text filters as NOCASE comparisons', () => {
  it('select exactly the rows the brute-force evaluation selects, for every prefix of awkward values', () => {
    const dataset = recordDataset('licences');
    const rows = space.db.prepare('SELECT _rowid, appEntitlementNumber, technicalContactEmail FROM licences').all() as { _rowid: number; appEntitlementNumber: string | null; technicalContactEmail: string | null }[];
    let checked = 0;
    for (const column of ['appEntitlementNumber', 'technicalContactEmail'] as const) {
      for (const probe of probes()) {
        for (const type of ['equals', 'notEqual', 'startsWith'] as const) {
          const filter: ColumnFilter = { filterType: 'text', type, filter: probe };
          const part = compileFilterModel(dataset, { [column]: filter }, now).get(column)!;
          const got = space.db.prepare(`SELECT _rowid FROM licences WHERE ${part.sql} ORDER BY _rowid`).pluck().all(...part.params);
          const expected = rows.filter((row) => matchesFilter(row[column], filter, now)).map((row) => row._rowid);
          expect(got, `${column} ${type} ${JSON.stringify(probe)}`).toEqual(expected);
          // LIKE, which these filters replaced, agrees too (the reference is not the only witness).
          if (type === 'startsWith' && probe !== '') {
            const like = space.db.prepare(`SELECT _rowid FROM licences WHERE ${column} LIKE ? ESCAPE '\\' ORDER BY _rowid`).pluck().all(`${probe.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
            expect(got, `LIKE ${column} ${JSON.stringify(probe)}`).toEqual(like);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('step a prefix to the least string above it, as NOCASE orders', () => {
    expect(nocasePrefixEnd('e-10000')).toBe('e-10001');
    expect(nocasePrefixEnd('john.17@')).toBe('john.17[');
    expect(nocasePrefixEnd('a\ud7ff')).toBe('a\ue000');
    expect(nocasePrefixEnd('a\u{10ffff}')).toBe('b');
    expect(nocasePrefixEnd('\u{10ffff}')).toBeNull();
  });
});

function plan(sql: string, params: unknown[]): string {
  return (space.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

const lookups: [string, 'licences' | 'transactions', string, ColumnFilter, RegExp][] = [
  ['entitlement number equals', 'licences', 'appEntitlementNumber', { filterType: 'text', type: 'equals', filter: 'e-100042' }, /COVERING INDEX licences_grid_lookup_appEntitlementNumber_maintenanceStartDate \(appEntitlementNumber=\?\)/],
  ['e-mail starts with', 'licences', 'technicalContactEmail', { filterType: 'text', type: 'startsWith', filter: 'JOHN.1' }, /COVERING INDEX licences_grid_lookup_technicalContactEmail_maintenanceStartDate \(technicalContactEmail>\? AND technicalContactEmail<\?\)/],
  ['billing e-mail equals (not a visible column)', 'licences', 'billingContactEmail', { filterType: 'text', type: 'equals', filter: 'maria.3@acme.test' }, /COVERING INDEX licences_grid_lookup_billingContactEmail_maintenanceStartDate \(billingContactEmail=\?\)/],
  ['site starts with', 'licences', 'cloudSiteHostname', { filterType: 'text', type: 'startsWith', filter: 'site12' }, /COVERING INDEX licences_grid_lookup_cloudSiteHostname_maintenanceStartDate \(cloudSiteHostname>\? AND cloudSiteHostname<\?\)/],
  ['transaction id equals', 'transactions', 'transactionId', { filterType: 'text', type: 'equals', filter: 'in-500-7' }, /COVERING INDEX transactions_grid_lookup_transactionId_saleDate \(transactionId=\?\)/],
];

describe('EXPLAIN QUERY PLAN: lookups seek their NOCASE index', () => {
  it.each(lookups)('%s: the count, and the block in the plan chosen from it', (_name, dataset, column, filter, index) => {
    const compiled = compileView(dataset, viewStateSchema.parse({ filterModel: { [column]: filter } } satisfies ViewStateInput), now);
    const count = countSql(compiled);
    expect(plan(count.sql, count.params)).toMatch(index);
    // At 1M rows a lookup matches a handful: found by the index and sorted by the default sort
    // column it holds, without reading a row per match.
    expect(chooseBlockPlan(compiled, { offset: 0, limit: 100, rowCount: 200, totalCount: 1_000_000 })).toBe('match');
    const page = pageSql(compiled, 0, 100, { plan: 'match' });
    expect(plan(page.sql, page.params)).toMatch(index);
  });

  it('a lookup finds the record whatever the case typed, through the whole query path', () => {
    const got = queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 100, ...viewStateSchema.parse({ filterModel: { appEntitlementNumber: { filterType: 'text', type: 'equals', filter: 'JOHN.17@ACME.test' } }, columns: ['appEntitlementNumber'] }) });
    expect(got.rowCount).toBe(2);
    expect(got.rows.map((r) => r[2]).sort()).toEqual(['JOHN.17@ACME.TEST', 'john.17@acme.test']);
  });

  it('a lookup index is never taken for a sort: ORDER BY is binary', () => {
    expect(sortIndexOf(recordDataset('licences'), 'billingContactEmail')).toBeUndefined();
    expect(sortIndexOf(recordDataset('licences'), 'appEntitlementNumber')?.name).toBe('licences_grid_appEntitlementNumber');
    const index = space.db.prepare("SELECT coll FROM pragma_index_xinfo('licences_grid_lookup_appEntitlementNumber_maintenanceStartDate') WHERE key = 1 ORDER BY seqno").pluck().all();
    expect(index).toEqual(['NOCASE', 'BINARY']);
  });
});
