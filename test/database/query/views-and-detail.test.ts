import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { viewStateSchema } from '../../../src/shared/contract-grid';
import { AppFailure } from '../../../src/shared/result';
import { queryGrid } from '../../../src/main/query/grid-query';
import { prepareBulkLoad, finishBulkLoad } from '../../../src/main/query/indexes';
import { readRecordDetail } from '../../../src/main/query/record-detail';
import { deleteView, findViewByName, listViews, renameView, saveView } from '../../../src/main/query/saved-views';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { createRandom, createSeededSpace, generateLicence, seedRecords, type SeededSpace } from './fixtures';

const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
beforeEach(() => {
  space = createSeededSpace({ licences: 200, transactions: 50, seed: 3 });
});
afterEach(() => space.close());

const quick = (text: string) => queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 1000, ...viewStateSchema.parse({ quickFilter: text }) });

describe('saved views', () => {
  it('save, list, switch, rename and delete; names are unique per data set', () => {
    const state = viewStateSchema.parse({ filterModel: { status: { filterType: 'set', values: ['active'] } }, sortModel: [{ colId: 'company', sort: 'asc' }], columns: ['company', 'status'], quickFilter: 'acme' });
    const saved = saveView(space.db, { dataset: 'licences', name: 'Active ACME', state, overwrite: false }, now);
    expect(saved.state).toEqual(state);
    saveView(space.db, { dataset: 'licences', name: 'All', state: viewStateSchema.parse({}), overwrite: false }, now);
    saveView(space.db, { dataset: 'transactions', name: 'All', state: viewStateSchema.parse({}), overwrite: false }, now);
    expect(listViews(space.db, 'licences', now).map((v) => v.name)).toEqual(['Active ACME', 'All']);
    expect(() => saveView(space.db, { dataset: 'licences', name: 'All', state, overwrite: false }, now)).toThrow(/already exists/);
    expect(saveView(space.db, { dataset: 'licences', name: 'All', state, overwrite: true }, now).state.quickFilter).toBe('acme');
    // Switching = loading a view's state into a query.
    const loaded = findViewByName(space.db, 'licences', 'Active ACME', now);
    const rows = queryGrid({ db: space.db, now }, { dataset: 'licences', startRow: 0, endRow: 100, ...loaded.state });
    expect(rows.columns).toEqual(['company', 'status']);
    for (const r of rows.rows) expect(r[3]).toBe('active');
    expect(() => renameView(space.db, saved.id, 'All', now)).toThrow(/already exists/);
    expect(renameView(space.db, saved.id, 'Mine', now).name).toBe('Mine');
    expect(deleteView(space.db, saved.id)).toEqual({ deleted: true });
    expect(deleteView(space.db, saved.id)).toEqual({ deleted: false });
    expect(() => renameView(space.db, saved.id, 'X', now)).toThrow(AppFailure);
  });

  it('refuses a view naming unknown columns, and flags a stored view that no longer fits', () => {
    expect(() => saveView(space.db, { dataset: 'licences', name: 'bad', state: viewStateSchema.parse({ columns: ['nope'] }), overwrite: false }, now)).toThrow(/Unknown column/);
    space.db.prepare("INSERT INTO saved_views (dataset, name, state, created_at, updated_at) VALUES ('licences', 'old', ?, 'x', 'x')").run(JSON.stringify({ columns: ['removedField'] }));
    const [old] = listViews(space.db, 'licences', now);
    expect(old!.problem).toMatch(/no longer fits/);
    expect(old!.state).toEqual(viewStateSchema.parse({}));
    expect(() => findViewByName(space.db, 'licences', 'old', now)).toThrow(/no longer fits/);
  });
});

describe('record detail', () => {
  it('has every field, the raw record and its change history', () => {
    const r = createRandom(99);
    const record = { ...generateLicence(r, 5000), status: 'active', extraFieldNotInCatalogue: { kept: true } };
    const write = createRecordWriter(space.db, recordDataset('licences'));
    space.db.transaction(() => write([record], '2026-03-01T00:00:00Z', null))();
    space.db.transaction(() => write([{ ...record, status: 'cancelled', tier: 'Unlimited' }], '2026-03-05T00:00:00Z', 7))();
    const detail = readRecordDetail(space.db, 'licences', record.appEntitlementId);
    expect(detail.fields.map((f) => f.name)).toEqual(recordDataset('licences').columns.map((c) => c.name));
    expect(detail.fields.find((f) => f.name === 'status')!.value).toBe('cancelled');
    expect(detail.raw).toMatchObject({ extraFieldNotInCatalogue: { kept: true }, status: 'cancelled' });
    expect(detail.history.map((h) => [h.field, h.oldValue, h.newValue, h.syncRunId])).toEqual(
      expect.arrayContaining([
        ['status', 'active', 'cancelled', 7],
        ['tier', record.tier ?? null, 'Unlimited', 7],
      ]),
    );
    expect(detail.changedAt).toBe('2026-03-05T00:00:00Z');
    expect(detail.flags & 8).toBe(8);
    expect(() => readRecordDetail(space.db, 'licences', 'no-such-key')).toThrow(/No licences record/);
  });
});

describe('the quick filter stays in step with syncs', () => {
  it('follows inserts and updates through triggers, and a bulk load through finishBulkLoad', () => {
    expect(quick('zyxwvut').rowCount).toBe(0);
    const r = createRandom(1);
    const record = { ...generateLicence(r, 9000), contactDetails: { company: 'Zyxwvut Ltd', country: 'Germany' } };
    const write = createRecordWriter(space.db, recordDataset('licences'));
    space.db.transaction(() => write([record], '2026-03-02T00:00:00Z', null))();
    expect(quick('zyxw').rowCount).toBe(1);
    space.db.transaction(() => write([{ ...record, contactDetails: { company: 'Qwerty Ltd', country: 'Germany' } }], '2026-03-03T00:00:00Z', null))();
    expect(quick('zyxw').rowCount).toBe(0);
    expect(quick('qwerty').rowCount).toBe(1);

    prepareBulkLoad(space.db, recordDataset('licences'));
    seedRecords(space.db, 'licences', 300, (i) => ({ ...generateLicence(r, 20000 + i), contactDetails: { company: `Bulkco ${i}` } }));
    finishBulkLoad(space.db, recordDataset('licences'));
    expect(quick('bulkco').rowCount).toBe(300);
    expect(quick('qwerty').rowCount).toBe(1);
  });
});
