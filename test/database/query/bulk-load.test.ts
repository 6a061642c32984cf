import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset, recordDatasets } from '../../../src/shared/catalogue';
import { viewStateSchema } from '../../../src/shared/contract-grid';
import { compileView, countSql } from '../../../src/main/query/build-query';
import { fullTextTable } from '../../../src/main/query/full-text';
import { queryGrid } from '../../../src/main/query/grid-query';
import { finishBulkLoad, gridIndexSpecs, prepareBulkLoad } from '../../../src/main/query/indexes';
import { createRandom, createSeededSpace, generateLicence, seedRecords, type SeededSpace } from './fixtures';

// What the fast paths need (sort/filter indexes, full text and its triggers) exists after
// migration 3 and again after a sync's bulk load, and the full text then holds every record.
const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 400, transactions: 50, seed: 3 });
});
afterAll(() => space.close());

const names = (type: string) => new Set((space.db.prepare('SELECT name FROM sqlite_master WHERE type = ?').pluck().all(type) as string[]));

function expectGridSchema(dataset = recordDataset('licences')) {
  const indexes = names('index');
  for (const spec of gridIndexSpecs(dataset)) expect(indexes.has(spec.name), spec.name).toBe(true);
  expect(names('table').has(fullTextTable(dataset))).toBe(true);
  const triggers = names('trigger');
  for (const s of ['ai', 'au', 'ad']) expect(triggers.has(`${dataset.table}_fts_${s}`)).toBe(true);
}

/** The full-text count of a word equals the count the table gives for the same rows. */
function expectFullTextCount(word: string, expected: number) {
  const view = compileView('licences', viewStateSchema.parse({ quickFilter: word }), now);
  const built = countSql(view);
  expect(built.sql).toContain('_fts');
  expect(space.db.prepare(built.sql).pluck().get(...built.params)).toBe(expected);
  // The same through the table (a filter beside the quick filter counts via the table).
  const viaTable = compileView('licences', viewStateSchema.parse({ quickFilter: word, filterModel: { appEntitlementId: { filterType: 'text', type: 'notBlank' } } }), now);
  const t = countSql(viaTable);
  expect(space.db.prepare(t.sql).pluck().get(...t.params)).toBe(expected);
}

describe('grid schema across migration 3 and bulk loads', () => {
  it('migration 3 creates every data set’s indexes, full text and triggers', () => {
    for (const dataset of recordDatasets) expectGridSchema(dataset);
  });

  it('a bulk load drops indexes and triggers, and finishBulkLoad brings them back with a complete full text', () => {
    const dataset = recordDataset('licences');
    prepareBulkLoad(space.db, dataset);
    const indexes = names('index');
    expect(gridIndexSpecs(dataset).some((s) => indexes.has(s.name))).toBe(false);
    expect(names('trigger').has('licences_fts_ai')).toBe(false);

    // Rows written while the triggers are gone: new ones, and old ones renamed.
    const r = createRandom(9);
    seedRecords(space.db, 'licences', 250, (i) => ({ ...generateLicence(r, 50_000 + i), contactDetails: { company: `Bulkload ${i}`, country: 'Japan' } }));
    space.db.exec(`UPDATE licences SET company = 'Renamedco' WHERE _rowid <= 10`);
    finishBulkLoad(space.db, dataset);

    expectGridSchema(dataset);
    expectFullTextCount('bulkload', 250);
    expectFullTextCount('renamedco', 10);
    const total = space.db.prepare('SELECT count(*) FROM licences').pluck().get() as number;
    expect(space.db.prepare(`SELECT count(*) FROM ${fullTextTable(dataset)}`).pluck().get()).toBe(total);

    // And routine upserts after it are followed again by the triggers.
    space.db.exec(`UPDATE licences SET company = 'Afterwards' WHERE _rowid = 11`);
    expectFullTextCount('afterwards', 1);
    expect(queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: total - 5, endRow: total + 5, ...viewStateSchema.parse({ sortModel: [{ colId: 'company', sort: 'asc' }] }) }).rows).toHaveLength(5);
  });
});
