import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { dropGridIndexes, gridIndexSpecs } from '../../../src/main/query/indexes';
import { openSpaceDatabase, spaceSchemaVersion } from '../../../src/main/space-database';
import { createSeededSpace, type SeededSpace } from './fixtures';

// Space migration 4 on a file as version 3 left it: the default sort column's own index and the
// filter index in its old column order, with planner statistics.
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 600, transactions: 400, seed: 9 });
  const db = space.db;
  db.exec('DROP INDEX licences_grid_walk_maintenanceStartDate; DROP INDEX licences_grid_filters');
  db.exec('CREATE INDEX licences_grid_maintenanceStartDate ON licences (maintenanceStartDate)');
  db.exec('CREATE INDEX licences_grid_filter ON licences (hosting, status, licenseType, tier, addonName, country, partnerName, maintenanceStartDate)');
  db.exec('DROP INDEX licences_grid_walk_lastUpdated; CREATE INDEX licences_grid_lastUpdated ON licences (lastUpdated)');
  db.exec('ANALYZE');
  // Transactions in the middle of a first bulk load: their grid indexes are dropped until it ends.
  dropGridIndexes(db, recordDataset('transactions'));
  db.pragma('user_version = 3');
  db.close();
});
afterAll(() => space.close());

const indexNames = (db: ReturnType<typeof openSpaceDatabase>, table: string) =>
  new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?").all(table) as { name: string }[]).map((r) => r.name));

describe('space migration 4: grid walk index and reordered filter index', () => {
  it('replaces the old indexes with the current set, with statistics, and leaves a bulk load alone', () => {
    const db = openSpaceDatabase(space.path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(spaceSchemaVersion);
      const licences = indexNames(db, 'licences');
      expect(licences.has('licences_grid_maintenanceStartDate')).toBe(false);
      expect(licences.has('licences_grid_filter')).toBe(false);
      expect(licences.has('licences_grid_lastUpdated')).toBe(false);
      for (const spec of gridIndexSpecs(recordDataset('licences'))) expect(licences, spec.name).toContain(spec.name);
      const stats = db.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE idx IN ('licences_grid_walk_maintenanceStartDate', 'licences_grid_filters', 'licences_grid_walk_lastUpdated')").all() as { idx: string; stat: string }[];
      expect(stats.map((s) => s.idx).sort()).toEqual(['licences_grid_filters', 'licences_grid_walk_lastUpdated', 'licences_grid_walk_maintenanceStartDate']);
      expect(stats.every((s) => s.stat.startsWith('600 '))).toBe(true);
      // The walk index orders by the sort column, then the rowid: the grid's total order.
      const walk = db.prepare("SELECT name FROM pragma_index_info('licences_grid_walk_maintenanceStartDate') ORDER BY seqno").pluck().all();
      expect(walk.slice(0, 3)).toEqual(['maintenanceStartDate', '_rowid', 'hosting']);
      expect([...indexNames(db, 'transactions')].some((n) => n.startsWith('transactions_grid_'))).toBe(false);
      expect(db.prepare('SELECT count(*) FROM licences').pluck().get()).toBe(600);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
