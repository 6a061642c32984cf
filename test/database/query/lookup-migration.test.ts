import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset, recordDatasets } from '../../../src/shared/catalogue';
import { viewStateSchema } from '../../../src/shared/contract-grid';
import { compileView, countSql } from '../../../src/main/query/build-query';
import { dropGridIndexes, gridIndexSpecs } from '../../../src/main/query/indexes';
import { openSpaceDatabase, spaceSchemaVersion } from '../../../src/main/space-database';
import { createOpenSpaces } from '../../../src/main/accounts/open-spaces';
import { createStartupChecks } from '../../../src/main/maintenance/startup-check';
import { createSeededSpace, type SeededSpace } from './fixtures';

// Space migration 6 on a file as version 5 left it: no lookup (NOCASE) index, the old index for
// sorting by last updated, planner statistics for the rest, and transactions in the middle of a
// first bulk load.
const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
const lookupNames = (table: string) =>
  recordDatasets.filter((d) => d.table === table).flatMap((d) => gridIndexSpecs(d).filter((s) => s.nocase).map((s) => s.name));

beforeAll(() => {
  space = createSeededSpace({ licences: 500, transactions: 300, seed: 17 });
  const db = space.db;
  for (const dataset of recordDatasets) for (const name of lookupNames(dataset.table)) db.exec(`DROP INDEX ${name}`);
  // Version 5's index for sorting by last updated, without the enum columns.
  db.exec('DROP INDEX licences_grid_walk_lastUpdated; CREATE INDEX licences_grid_lastUpdated_maintenanceStartDate ON licences (lastUpdated, _rowid, maintenanceStartDate)');
  db.exec('ANALYZE');
  dropGridIndexes(db, recordDataset('transactions'));
  db.pragma('user_version = 5');
  db.close();
});
afterAll(() => space.close());

describe('space migration 6: NOCASE indexes on lookup columns, walk indexes for date columns', () => {
  it('builds every lookup index with statistics, leaves a bulk load alone, and lookups then seek them', () => {
    expect(spaceSchemaVersion).toBe(6);
    const db = openSpaceDatabase(space.path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      const indexes = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);
      const licences = lookupNames('licences');
      expect(licences).toEqual(expect.arrayContaining(['licences_grid_lookup_appEntitlementNumber_maintenanceStartDate', 'licences_grid_lookup_technicalContactEmail_maintenanceStartDate']));
      for (const name of licences) {
        expect(indexes, name).toContain(name);
        expect(db.prepare(`SELECT coll FROM pragma_index_xinfo('${name}') WHERE key = 1 ORDER BY seqno`).pluck().all(), name).toEqual(['NOCASE', 'BINARY']);
      }
      const stats = db.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx IN (${licences.map(() => '?').join(', ')})`).pluck().all(...licences) as string[];
      expect(stats).toHaveLength(licences.length);
      expect(stats.every((s) => s.startsWith('500 '))).toBe(true);
      // Sorting by last updated walks an index that holds the enum filters too.
      expect(indexes).not.toContain('licences_grid_lastUpdated_maintenanceStartDate');
      expect(db.prepare("SELECT name FROM pragma_index_info('licences_grid_walk_lastUpdated') ORDER BY seqno").pluck().all()).toEqual(
        ['lastUpdated', '_rowid', 'maintenanceStartDate', 'hosting', 'status', 'country', 'licenseType', 'tier', 'addonName', 'partnerName'],
      );
      // Mid bulk load: its finishBulkLoad builds the whole set, lookups included.
      expect([...indexes].some((n) => n.startsWith('transactions_grid_'))).toBe(false);
      // Other data sets, empty, get theirs too.
      for (const name of lookupNames('churn_events')) expect(indexes, name).toContain(name);

      const view = compileView('licences', viewStateSchema.parse({ filterModel: { appEntitlementNumber: { filterType: 'text', type: 'equals', filter: 'e-100007' } } }), now);
      const count = countSql(view);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${count.sql}`).all(...count.params) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/INDEX licences_grid_lookup_appEntitlementNumber_maintenanceStartDate \(appEntitlementNumber=\?\)/);
      expect(db.prepare(count.sql).pluck().get(...count.params)).toBe(1);
      expect(db.prepare('SELECT count(*) FROM licences').pluck().get()).toBe(500);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});

describe('an upgrade with slow migrations', () => {
  it('tells the user before they run on a file large enough, and never on a new or current file', () => {
    const seeded = createSeededSpace({ licences: 50, transactions: 50, seed: 19 });
    try {
      seeded.db.pragma('user_version = 5');
      seeded.db.close();
      mkdirSync(join(seeded.dir, 'spaces'));
      renameSync(seeded.path, join(seeded.dir, 'spaces', 'old.sqlite'));
      const told: string[] = [];
      const checks = createStartupChecks({ slowUpgradeBytes: 0, emit: (n) => told.push(`${n.code}: ${n.message}`) });
      const spaces = createOpenSpaces(seeded.dir, 'old', { checks, nameOf: (id) => `space ${id}` });
      expect(told).toHaveLength(1);
      expect(told[0]).toMatch(/^db\.upgrade: Updating the data file of space old .*case-insensitive lookup-column indexes/);
      expect(spaces.db().pragma('user_version', { simple: true })).toBe(spaceSchemaVersion);
      // A new file (no schema yet) and an opened current one say nothing.
      spaces.switchTo('fresh');
      spaces.closeAll();
      createOpenSpaces(seeded.dir, 'old', { checks: createStartupChecks({ slowUpgradeBytes: 0, emit: (n) => told.push(n.code) }) }).closeAll();
      expect(told).toHaveLength(1);
    } finally {
      seeded.close();
    }
  });
});
