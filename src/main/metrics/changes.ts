/**
 * The records that changed since the last refresh, each with the state the last refresh counted
 * (`old`) and the state to count now (`now`); null where the record did not count (not yet
 * stored, or gone). Found without scanning the record tables:
 * - new records: rowids above the largest one the last refresh saw (rows are never deleted, so
 *   rowids are never reused);
 * - changed records: the change history written since, which also holds every field's value
 *   before the first change (the record writer logs each changed field with its old value);
 * - records gone or back: the gone rows now (a partial index) against those the last refresh
 *   stored in metric_gone.
 */
import type { Db } from '../store';

export interface RowChange<R> {
  old: R | null;
  now: R | null;
}

export interface ChangeSource {
  dataset: 'transactions' | 'licences';
  /** Columns the metrics read; changes to any other field change no metric. */
  fields: readonly string[];
  numberFields: ReadonlySet<string>;
  columnsSql: string;
}

interface BaseRow {
  _rowid: number;
  _gone_since: string | null;
}

export const goneIndexSql = (table: 'transactions' | 'licences') =>
  `CREATE INDEX IF NOT EXISTS metric_${table}_gone ON ${table} (_gone_since) WHERE _gone_since IS NOT NULL`;

export function readGoneRows(db: Db, table: 'transactions' | 'licences'): Set<number> {
  return new Set(db.prepare(`SELECT _rowid FROM ${table} WHERE _gone_since IS NOT NULL`).pluck().all() as number[]);
}

/** Stores the gone rows the next incremental refresh compares against. */
export function saveGoneRows(db: Db): void {
  db.exec('DELETE FROM metric_gone');
  for (const table of ['transactions', 'licences'] as const)
    db.prepare(`INSERT INTO metric_gone (dataset, row) SELECT ?, _rowid FROM ${table} WHERE _gone_since IS NOT NULL`).run(table);
}

/**
 * Changes of one record table since (`changeId`, `maxRowid`) of the last refresh, or null when
 * they cannot be told exactly (a changed record no longer found under its key, e.g. re-keyed):
 * the caller then rebuilds.
 */
export function collectChanges<R extends BaseRow>(db: Db, source: ChangeSource, changeId: number, maxRowid: number): Map<number, RowChange<R>> | null {
  const table = source.dataset;
  const wanted = new Set(source.fields);
  const before = new Map<string, Map<string, string | null>>();
  const history = db
    .prepare('SELECT record_key, field, old_value FROM change_history WHERE id > ? AND dataset = ? ORDER BY id')
    .raw(true)
    .iterate(changeId, table) as IterableIterator<[string, string, string | null]>;
  for (const [key, field, oldValue] of history) {
    if (!wanted.has(field)) continue;
    let fields = before.get(key);
    if (!fields) before.set(key, (fields = new Map()));
    // The first change since the refresh holds the value the refresh counted.
    if (!fields.has(field)) fields.set(field, oldValue);
  }
  const rows = new Map<number, { row: R; restore?: Map<string, string | null> }>();
  const byKey = db.prepare(`SELECT ${source.columnsSql} FROM ${table} WHERE _key = ?`);
  for (const [key, fields] of before) {
    const row = byKey.get(key) as R | undefined;
    if (!row) return null;
    rows.set(row._rowid, { row, restore: fields });
  }
  for (const row of db.prepare(`SELECT ${source.columnsSql} FROM ${table} WHERE _rowid > ?`).iterate(maxRowid) as IterableIterator<R>) {
    if (!rows.has(row._rowid)) rows.set(row._rowid, { row });
  }
  const goneThen = new Set(db.prepare('SELECT row FROM metric_gone WHERE dataset = ?').pluck().all(table) as number[]);
  const goneNow = readGoneRows(db, table);
  const byRowid = db.prepare(`SELECT ${source.columnsSql} FROM ${table} WHERE _rowid = ?`);
  for (const rowid of [...goneNow].filter((r) => !goneThen.has(r)).concat([...goneThen].filter((r) => !goneNow.has(r)))) {
    if (rows.has(rowid)) continue;
    const row = byRowid.get(rowid) as R | undefined;
    if (row) rows.set(rowid, { row });
  }
  const out = new Map<number, RowChange<R>>();
  for (const [rowid, { row, restore }] of rows) {
    const counted = rowid <= maxRowid && !goneThen.has(rowid);
    const old = counted ? restoreRow(row, restore, source.numberFields) : null;
    const now = goneNow.has(rowid) ? null : row;
    if (old !== null || now !== null) out.set(rowid, { old, now });
  }
  return out;
}

function restoreRow<R extends BaseRow>(row: R, fields: Map<string, string | null> | undefined, numberFields: ReadonlySet<string>): R {
  const old: Record<string, unknown> = { ...(row as BaseRow), _gone_since: null };
  for (const [field, value] of fields ?? []) old[field] = value !== null && numberFields.has(field) ? Number(value) : value;
  return old as R;
}
