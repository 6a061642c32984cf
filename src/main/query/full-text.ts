import { recordDatasets, type RecordDataset } from '../../shared/catalogue';
import { quoteIdent, recordMetaColumns as m, type Db, type Migration } from '../store';
import { searchableColumns } from './columns';

/**
 * Quick filter: one contentless FTS5 table per record data set, holding the searchable text
 * columns joined into one document per row (rowid = the record's `_rowid`).
 *
 * Tokenizer, by measurement (PERF-LIMITS.md, 1M licences): trigram gives substring search but
 * costs 21 s and +408 MB for six columns; unicode61 contentless costs 5 s and +102 MB. The
 * quick filter matches words by prefix ("acm" finds "ACME Corp", "john" finds
 * "john.smith@acme.com"); `detail=none` because only prefix terms are ever queried.
 *
 * Prefix indexes for 2 to 6 characters: a prefix query without one merges the doclists of every
 * word starting with it (at 1M licences "tech" 65 ms, "acme" 640 ms to count), with one it
 * reads a single doclist ("tech" 11 ms, "acme" 92 ms). Longer prefixes are shared by few words.
 */
const fullTextOptions = "content='', contentless_delete=1, detail=none, prefix='2 3 4 5 6', tokenize='unicode61 remove_diacritics 2'";

export function fullTextTable(dataset: RecordDataset): string {
  return `${dataset.table}_fts`;
}

function documentSql(dataset: RecordDataset, prefix: string): string {
  const cols = searchableColumns(dataset).map((c) => `${prefix}${quoteIdent(c.name)}`);
  return cols.length > 0 ? `concat_ws(' ', ${cols.join(', ')})` : "''";
}

function triggerNames(dataset: RecordDataset) {
  return ['ai', 'au', 'ad'].map((s) => quoteIdent(`${dataset.table}_fts_${s}`));
}

export function createFullTextTable(db: Db, dataset: RecordDataset): void {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${quoteIdent(fullTextTable(dataset))} USING fts5(doc, ${fullTextOptions})`,
  );
}

/** Triggers keep the index in step with routine upserts; a touch of `_last_seen` leaves it alone. */
export function createFullTextTriggers(db: Db, dataset: RecordDataset): void {
  const fts = quoteIdent(fullTextTable(dataset));
  const table = quoteIdent(dataset.table);
  const [ai, au, ad] = triggerNames(dataset);
  const watched = searchableColumns(dataset).map((c) => quoteIdent(c.name));
  db.exec(`
    CREATE TRIGGER IF NOT EXISTS ${ai} AFTER INSERT ON ${table} BEGIN
      INSERT INTO ${fts}(rowid, doc) VALUES (new.${m.rowid}, ${documentSql(dataset, 'new.')});
    END;
    CREATE TRIGGER IF NOT EXISTS ${ad} AFTER DELETE ON ${table} BEGIN
      DELETE FROM ${fts} WHERE rowid = old.${m.rowid};
    END;
  `);
  if (watched.length > 0) {
    db.exec(`
      CREATE TRIGGER IF NOT EXISTS ${au} AFTER UPDATE OF ${watched.join(', ')} ON ${table} BEGIN
        DELETE FROM ${fts} WHERE rowid = old.${m.rowid};
        INSERT INTO ${fts}(rowid, doc) VALUES (new.${m.rowid}, ${documentSql(dataset, 'new.')});
      END;
    `);
  }
}

export function dropFullTextTriggers(db: Db, dataset: RecordDataset): void {
  for (const name of triggerNames(dataset)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/**
 * Rebuilds a data set's full-text index from its table and restores the triggers. The sync
 * calls it after a bulk load (see `finishBulkLoad`); it is idempotent and runs in one
 * transaction, so readers see the old index or the new one, never half of it.
 */
export function refreshFullText(db: Db, dataset: RecordDataset): void {
  db.transaction(() => {
    createFullTextTable(db, dataset);
    const fts = quoteIdent(fullTextTable(dataset));
    db.exec(`INSERT INTO ${fts}(${fts}) VALUES ('delete-all')`);
    db.exec(`INSERT INTO ${fts}(rowid, doc) SELECT ${m.rowid}, ${documentSql(dataset, '')} FROM ${quoteIdent(dataset.table)}`);
    // One segment instead of the ~9 a 1M-row insert leaves: every quick-filter query seeks each
    // segment, so a rowid lookup (`QuickShape` 'lookup') fell from ~180 to ~9 µs (6.6 s at 1M).
    db.exec(`INSERT INTO ${fts}(${fts}) VALUES ('optimize')`);
    createFullTextTriggers(db, dataset);
  })();
}

/**
 * Space migration 5: every data set's full-text table rebuilt with the current options and
 * document (2-6 character prefix indexes; the slimmer `searchable` columns). A one-off cost
 * bounded by the rows held (printed by `npm run bench -- quick-filter`). A data set whose
 * triggers are absent is mid bulk load: it gets the new empty table, which its
 * `finishBulkLoad` fills.
 */
export const fullTextRebuildMigration: Migration = {
  version: 5,
  description: 'quick-filter full-text tables with prefix indexes and slimmer documents',
  up: (db) => rebuildFullText(db),
};

export function rebuildFullText(db: Db): void {
  const names = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')").all() as { name: string }[]).map((r) => r.name));
  for (const dataset of recordDatasets) {
    if (!names.has(fullTextTable(dataset))) continue; // ensureGridSchema creates it
    const loading = !names.has(`${dataset.table}_fts_ai`);
    dropFullTextTriggers(db, dataset);
    db.exec(`DROP TABLE ${quoteIdent(fullTextTable(dataset))}`);
    if (loading) createFullTextTable(db, dataset);
    else refreshFullText(db, dataset);
  }
}

/** Creates every data set's index and triggers where missing (migration 3; safe to repeat). */
export function ensureFullText(db: Db): void {
  for (const dataset of recordDatasets) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(fullTextTable(dataset));
    if (!exists) refreshFullText(db, dataset);
    else createFullTextTriggers(db, dataset);
  }
}

/**
 * Counts a quick filter's matches (a `quickFilterMatch` expression) up to `cap`: the full-text
 * index holds one entry per record, so no table row is read, and the count stops at `cap`.
 */
export function cappedCountSql(dataset: RecordDataset, match: string, cap: number): { sql: string; params: (string | number)[] } {
  const fts = quoteIdent(fullTextTable(dataset));
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?)`, params: [match, cap] };
}

/** The words of a quick-filter text, as unicode61 splits them (letters and digits). */
export function quickFilterTokens(text: string): string[] {
  return (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/**
 * An FTS5 MATCH expression in which every word is a quoted prefix term. Tokens hold only
 * letters and digits, so no FTS5 syntax (quotes, NEAR, column filters, `*`, `^`) can get in;
 * text without any word yields `null` (no quick filter).
 */
export function quickFilterMatch(text: string): string | null {
  const tokens = quickFilterTokens(text);
  return tokens.length > 0 ? tokens.map((t) => `"${t}"*`).join(' ') : null;
}
