import { readPath, type ColumnDef, type RecordDataset } from '../../shared/catalogue';
import type { Db } from './open-database';
import { quoteIdent, recordMetaColumns as m } from './record-tables';

export type SqlValue = string | number | null;

/** Converts one API value to what its column stores (money/number as REAL, booleans as 0/1). */
export function toSqlValue(column: ColumnDef, value: unknown): SqlValue {
  if (value === undefined || value === null || value === '') return null;
  switch (column.type) {
    case 'number':
    case 'money': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      // Reference §18.44: numeric-looking fields can hold "NA"; those stay NULL here and the
      // raw record keeps the original text.
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const s = String(value).trim().toLowerCase();
      if (['true', 'yes', '1', 'y'].includes(s)) return 1;
      if (['false', 'no', '0', 'n'].includes(s)) return 0;
      return null;
    }
    case 'json':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The natural key of a record: the first key tuple whose parts are all present. */
export function naturalKeyOf(dataset: RecordDataset, values: ReadonlyMap<string, SqlValue>): string | null {
  for (const tuple of dataset.key) {
    const parts = tuple.map((name) => values.get(name));
    if (parts.every((p) => p !== null && p !== undefined && p !== '')) return parts.join('|');
  }
  return null;
}

export interface FlatRecord {
  key: string;
  values: SqlValue[];
  raw: string;
}

/** Flattens an API record into the catalogue's columns, in catalogue order. */
export function flattenRecord(dataset: RecordDataset, record: unknown): FlatRecord | null {
  const byName = new Map<string, SqlValue>();
  const values = dataset.columns.map((c) => {
    const v = toSqlValue(c, readPath(record, c.path));
    byName.set(c.name, v);
    return v;
  });
  const key = naturalKeyOf(dataset, byName);
  if (key === null) return null;
  return { key, values, raw: JSON.stringify(record) };
}

export interface PageWriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records without a usable natural key (kept out; the caller reports them). */
  skipped: number;
  changes: number;
}

/**
 * Writes records with upserts on the natural key. For an existing record whose fields changed,
 * each changed field (except bookkeeping ones such as `lastUpdated`) goes to the change history
 * with its old and new value. Must be called inside the caller's transaction together with the
 * checkpoint, so a page and its resume point commit as one.
 */
export function createRecordWriter(db: Db, dataset: RecordDataset) {
  const table = quoteIdent(dataset.table);
  const cols = dataset.columns.map((c) => quoteIdent(c.name));
  const insert = db.prepare(
    `INSERT INTO ${table} (${m.key}, ${cols.join(', ')}, ${m.raw}, ${m.firstSeen}, ${m.lastSeen}) VALUES (?, ${cols.map(() => '?').join(', ')}, ?, ?, ?)`,
  );
  const select = db.prepare(`SELECT ${m.rowid} AS rowid, ${cols.join(', ')}, ${m.raw} AS raw FROM ${table} WHERE ${m.key} = ?`).raw(true);
  const update = db.prepare(
    `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, ${m.raw} = ?, ${m.lastSeen} = ?, ${m.goneSince} = NULL, ${m.changedAt} = coalesce(?, ${m.changedAt}) WHERE ${m.rowid} = ?`,
  );
  const touch = db.prepare(`UPDATE ${table} SET ${m.lastSeen} = ?, ${m.goneSince} = NULL WHERE ${m.rowid} = ?`);
  const history = db.prepare(
    'INSERT INTO change_history (dataset, record_key, field, old_value, new_value, seen_at, sync_run_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const bookkeeping = new Set(dataset.bookkeepingColumns ?? []);

  return function writePage(records: readonly unknown[], seenAt: string, syncRunId: number | null = null): PageWriteResult {
    const result: PageWriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, changes: 0 };
    for (const record of records) {
      const flat = flattenRecord(dataset, record);
      if (!flat) {
        result.skipped++;
        continue;
      }
      const existing = select.get(flat.key) as SqlValue[] | undefined;
      if (!existing) {
        insert.run(flat.key, ...flat.values, flat.raw, seenAt, seenAt);
        result.inserted++;
        continue;
      }
      const rowid = existing[0] as number;
      const oldRaw = existing[existing.length - 1] as string;
      if (oldRaw === flat.raw) {
        touch.run(seenAt, rowid);
        result.unchanged++;
        continue;
      }
      let meaningful = 0;
      dataset.columns.forEach((c, i) => {
        const before = existing[i + 1] ?? null;
        const after = flat.values[i] ?? null;
        if (before === after || bookkeeping.has(c.name)) return;
        history.run(dataset.id, flat.key, c.name, before === null ? null : String(before), after === null ? null : String(after), seenAt, syncRunId);
        meaningful++;
      });
      update.run(...flat.values, flat.raw, seenAt, meaningful > 0 ? seenAt : null, rowid);
      result.updated++;
      result.changes += meaningful;
    }
    return result;
  };
}
