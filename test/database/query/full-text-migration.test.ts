import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { viewStateSchema } from '../../../src/shared/contract-grid';
import { dropFullTextTriggers } from '../../../src/main/query/full-text';
import { queryGrid } from '../../../src/main/query/grid-query';
import { openSpaceDatabase, spaceSchemaVersion } from '../../../src/main/space-database';
import { createSeededSpace, type SeededSpace } from './fixtures';
import { evaluateView, loadRows } from './reference';

// Space migration 5 on a file as version 4 left it: the licences' full-text table with the old
// options (prefix indexes for 2 and 3 characters) and the old document (every text and enum
// column); transactions in the middle of a first bulk load (no full-text triggers).
const now = new Date('2026-03-15T12:00:00Z');
const oldEnumWord = 'zqxoldenum';
let space: SeededSpace;
beforeAll(() => {
  space = createSeededSpace({ licences: 500, transactions: 300, seed: 11 });
  const db = space.db;
  db.exec(`UPDATE licences SET status = '${oldEnumWord}' WHERE _rowid % 5 = 0`);
  dropFullTextTriggers(db, recordDataset('licences'));
  db.exec('DROP TABLE licences_fts');
  db.exec("CREATE VIRTUAL TABLE licences_fts USING fts5(doc, content='', contentless_delete=1, detail=none, prefix='2 3', tokenize='unicode61 remove_diacritics 2')");
  db.exec("INSERT INTO licences_fts(rowid, doc) SELECT _rowid, concat_ws(' ', company, status, hosting, technicalContactEmail) FROM licences");
  db.exec("CREATE TRIGGER licences_fts_ai AFTER INSERT ON licences BEGIN INSERT INTO licences_fts(rowid, doc) VALUES (new._rowid, new.company); END");
  dropFullTextTriggers(db, recordDataset('transactions'));
  db.pragma('user_version = 4');
  db.close();
});
afterAll(() => space.close());

const sqlOf = (db: ReturnType<typeof openSpaceDatabase>, name: string) => db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string | undefined;

describe('space migration 5: full-text tables rebuilt with prefix indexes and slimmer documents', () => {
  it('rebuilds an indexed data set exactly and leaves a bulk load to fill its own', () => {
    const db = openSpaceDatabase(space.path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(spaceSchemaVersion);
      expect(sqlOf(db, 'licences_fts')).toContain("prefix='2 3 4 5 6'");
      // The current triggers, not the planted one (which indexed the company alone).
      expect(sqlOf(db, 'licences_fts_ai')).toContain('concat_ws');
      expect(sqlOf(db, 'licences_fts_au')).toBeDefined();
      const rows = loadRows(db, recordDataset('licences'));
      const email = String(rows.find((r) => typeof r.technicalContactEmail === 'string' && r.technicalContactEmail.includes('@'))?.technicalContactEmail);
      const site = String(rows.find((r) => typeof r.cloudSiteHostname === 'string')?.cloudSiteHostname);
      // An enum value is no longer a quick-filter word (facets serve it); e-mails, sites, app names are.
      for (const text of [oldEnumWord, email, email.split('@')[1]!.slice(0, 4), site.slice(0, 6), 'diagr', 'acme']) {
        const view = viewStateSchema.parse({ quickFilter: text });
        const expected = evaluateView('licences', rows, view, now);
        const got = queryGrid({ db, now }, { dataset: 'licences', startRow: 0, endRow: 1000, ...view });
        expect(got.rowCount, text).toBe(expected.length);
        expect(got.rows.map((r) => r[0]).sort(), text).toEqual(expected.map((r) => r._key).sort());
      }
      expect(queryGrid({ db, now }, { dataset: 'licences', startRow: 0, endRow: 10, ...viewStateSchema.parse({ quickFilter: oldEnumWord }) }).rowCount).toBe(0);
      // Mid bulk load: the new empty table, no triggers (its finishBulkLoad fills it).
      expect(sqlOf(db, 'transactions_fts')).toContain("prefix='2 3 4 5 6'");
      expect(sqlOf(db, 'transactions_fts_ai')).toBeUndefined();
      expect(db.prepare("SELECT count(*) FROM transactions_fts WHERE transactions_fts MATCH 'acme*'").pluck().get()).toBe(0);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
