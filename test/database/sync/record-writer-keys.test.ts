import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { type Db } from '../../../src/main/store';
import { createRecordWriter } from '../../../src/main/store/record-writer';
import { openSpaceDatabase } from '../../../src/main/space-database';

const dirs: string[] = [];
function freshDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'mpdesk-writer-keys-'));
  dirs.push(dir);
  return openSpaceDatabase(join(dir, 'space.sqlite'));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const licences = recordDataset('licences');
const rows = (db: Db) => db.prepare('SELECT _key, appEntitlementId, appEntitlementNumber FROM licences ORDER BY _key').all();

describe('record writer keys', () => {
  it('a licence first known by its entitlement number keeps its row when it gains an entitlement id', () => {
    const db = freshDb();
    const write = createRecordWriter(db, licences);
    write([{ appEntitlementNumber: 'E-1', addonKey: 'a', contactDetails: { company: 'Acme' } }], '2025-01-01T00:00:00Z', 1);
    // A new writer (a later sync) on a non-empty table.
    const later = createRecordWriter(db, licences);
    const r = later([{ appEntitlementId: 'id-1', appEntitlementNumber: 'E-1', addonKey: 'a', contactDetails: { company: 'Acme' } }], '2025-02-01T00:00:00Z', 2);
    expect(r).toMatchObject({ inserted: 0, updated: 1 });
    expect(rows(db)).toEqual([{ _key: 'id-1', appEntitlementId: 'id-1', appEntitlementNumber: 'E-1' }]);
    expect(db.prepare('SELECT field, old_value, new_value FROM change_history').all()).toEqual([{ field: 'appEntitlementId', old_value: null, new_value: 'id-1' }]);
  });

  it('insert-first pages (a first load) and look-up pages write the same rows and counts', () => {
    const records = Array.from({ length: 300 }, (_, i) => ({ appEntitlementId: `id-${i % 250}`, appEntitlementNumber: `E-${i % 250}`, contactDetails: { company: `C${i}` } }));
    const a = freshDb();
    const writeA = createRecordWriter(a, licences);
    const resultsA = [0, 100, 200].map((o) => a.transaction(() => writeA(records.slice(o, o + 100), 't', 1))());
    expect(resultsA.map((r) => [r.inserted, r.updated])).toEqual([[100, 0], [100, 0], [50, 50]]);
    expect(a.prepare('SELECT count(*) FROM licences').pluck().get()).toBe(250);
    expect(a.prepare("SELECT company FROM licences WHERE _key = 'id-0'").pluck().get()).toBe('C250');
  });
});
