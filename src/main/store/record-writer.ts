import type { ColumnDef, RecordDataset } from '../../shared/catalogue';
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
  /** Keys by the later key tuples (licences: the entitlement number beside the id). */
  altKeys?: string[];
}

const datePattern = /^\d{4}-\d{2}(-\d{2})?/;

/** A flattened record, or why it cannot be stored. */
export type Flattened = FlatRecord | { problem: string };

/**
 * Compiles a data set's flattener once: paths split ahead, key parts as column positions. It is
 * the hot loop of a bulk sync (a million records), so it reads each path once per record and
 * also checks what would corrupt the table — a list or object where a single value belongs, a
 * date that is not a date, no natural key — while tolerating what the reference documents as
 * varying (§18: fields at either of two paths, "NA" in numbers, absent optional blocks).
 */
export function compileFlattener(dataset: RecordDataset): (record: unknown) => Flattened {
  const columns = dataset.columns.map((c) => ({ def: c, paths: (typeof c.path === 'string' ? [c.path] : [...c.path]).map((p) => p.split('.')) }));
  const index = new Map(dataset.columns.map((c, i) => [c.name, i]));
  const keys = dataset.key.map((tuple) => tuple.map((name) => index.get(name)!));
  const keyNames = dataset.key.map((k) => k.join(' + ')).join(' or ');
  return (record) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return { problem: 'the record is not a JSON object' };
    const values: SqlValue[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const { def, paths } = columns[i]!;
      let value: unknown;
      for (const path of paths) {
        value = record;
        for (const part of path) {
          if (value === null || typeof value !== 'object') {
            value = undefined;
            break;
          }
          value = (value as Record<string, unknown>)[part];
        }
        if (value !== undefined && value !== null) break;
      }
      if (value !== undefined && value !== null && value !== '') {
        if (def.type !== 'json' && typeof value === 'object') return { problem: `field ${def.name} holds ${Array.isArray(value) ? 'a list' : 'an object'} where a single value belongs` };
        if (def.type === 'date' && (typeof value !== 'string' || !datePattern.test(value))) return { problem: `field ${def.name} is not a date (${JSON.stringify(value).slice(0, 40)})` };
      }
      values[i] = toSqlValue(def, value);
    }
    let chosen: string | null = null;
    let altKeys: string[] | undefined;
    for (const tuple of keys) {
      const key = keyOf(values, tuple);
      if (key === null) continue;
      if (chosen === null) chosen = key;
      else (altKeys ??= []).push(key);
    }
    if (chosen === null) return { problem: `the record has no ${keyNames}` };
    return altKeys ? { key: chosen, values, raw: JSON.stringify(record), altKeys } : { key: chosen, values, raw: JSON.stringify(record) };
  };
}

function keyOf(values: readonly SqlValue[], tuple: readonly number[]): string | null {
  let key = '';
  for (let j = 0; j < tuple.length; j++) {
    const part = values[tuple[j]!];
    if (part === null || part === undefined || part === '') return null;
    key = j === 0 ? String(part) : `${key}|${part}`;
  }
  return key;
}

const flatteners = new WeakMap<RecordDataset, (record: unknown) => Flattened>();

function flattenerOf(dataset: RecordDataset): (record: unknown) => Flattened {
  let f = flatteners.get(dataset);
  if (!f) flatteners.set(dataset, (f = compileFlattener(dataset)));
  return f;
}

/** Flattens an API record into the catalogue's columns, in catalogue order; null when it cannot be stored. */
export function flattenRecord(dataset: RecordDataset, record: unknown): FlatRecord | null {
  const f = flattenerOf(dataset)(record);
  return 'problem' in f ? null : f;
}

/** Flattens a record or says why it cannot be stored. */
export function flattenOrExplain(dataset: RecordDataset, record: unknown): Flattened {
  return flattenerOf(dataset)(record);
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
  const insertSql = `INSERT INTO ${table} (${m.key}, ${cols.join(', ')}, ${m.raw}, ${m.firstSeen}, ${m.lastSeen}) VALUES (?, ${cols.map(() => '?').join(', ')}, ?, ?, ?)`;
  const insert = db.prepare(insertSql);
  // During a first load nearly every record is new: try the insert first and look the row up
  // only when the key exists (one B-tree search instead of two).
  const insertNew = db.prepare(`${insertSql} ON CONFLICT (${m.key}) DO NOTHING`);
  const select = db.prepare(`SELECT ${m.rowid} AS rowid, ${cols.join(', ')}, ${m.raw} AS raw FROM ${table} WHERE ${m.key} = ?`).raw(true);
  const update = db.prepare(
    `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')}, ${m.raw} = ?, ${m.lastSeen} = ?, ${m.goneSince} = NULL, ${m.changedAt} = coalesce(?, ${m.changedAt}) WHERE ${m.rowid} = ?`,
  );
  const rekey = db.prepare(`UPDATE ${table} SET ${m.key} = ? WHERE ${m.rowid} = ?`);
  const touch = db.prepare(`UPDATE ${table} SET ${m.lastSeen} = ?, ${m.goneSince} = NULL WHERE ${m.rowid} = ?`);
  const history = db.prepare(
    'INSERT INTO change_history (dataset, record_key, field, old_value, new_value, seen_at, sync_run_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const bookkeeping = dataset.columns.map((c) => (dataset.bookkeepingColumns ?? []).includes(c.name));
  // Whether the last page was mostly new records (then the next one is tried insert-first).
  let mostlyNew = false;
  // Insert-first skips the look-up by a record's other keys: safe only in a table that began empty.
  const startedEmpty = db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined;

  /**
   * LIVE-API-NOTES: Data Center licences gained entitlement numbers/ids later, which duplicated
   * rows in tools keyed on the older identity. A record now keyed by its first key tuple whose
   * row is stored under a later tuple (e.g. only the entitlement number was known) takes that
   * row over — re-keyed, then compared and updated like any existing record.
   */
  function adoptAlternate(flat: FlatRecord): SqlValue[] | undefined {
    for (const alt of flat.altKeys ?? []) {
      const row = select.get(alt) as SqlValue[] | undefined;
      if (row) {
        rekey.run(flat.key, row[0]);
        return row;
      }
    }
    return undefined;
  }

  function writeFlat(records: readonly FlatRecord[], seenAt: string, syncRunId: number | null = null): PageWriteResult {
    const result: PageWriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped: 0, changes: 0 };
    const insertFirst = mostlyNew;
    for (const flat of records) {
      if (insertFirst && (startedEmpty || !flat.altKeys) && insertNew.run(flat.key, ...flat.values, flat.raw, seenAt, seenAt).changes === 1) {
        result.inserted++;
        continue;
      }
      const existing = (select.get(flat.key) as SqlValue[] | undefined) ?? adoptAlternate(flat);
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
      for (let i = 0; i < flat.values.length; i++) {
        const before = existing[i + 1] ?? null;
        const after = flat.values[i] ?? null;
        if (before === after || bookkeeping[i]) continue;
        history.run(dataset.id, flat.key, dataset.columns[i]!.name, before === null ? null : String(before), after === null ? null : String(after), seenAt, syncRunId);
        meaningful++;
      }
      update.run(...flat.values, flat.raw, seenAt, meaningful > 0 ? seenAt : null, rowid);
      result.updated++;
      result.changes += meaningful;
    }
    mostlyNew = result.inserted * 2 > records.length;
    return result;
  }

  function writePage(records: readonly unknown[], seenAt: string, syncRunId: number | null = null): PageWriteResult {
    const flats: FlatRecord[] = [];
    let skipped = 0;
    for (const record of records) {
      const flat = flattenRecord(dataset, record);
      if (flat) flats.push(flat);
      else skipped++;
    }
    return { ...writeFlat(flats, seenAt, syncRunId), skipped };
  }

  return Object.assign(writePage, { writeFlat });
}
