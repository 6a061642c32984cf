import type { ColumnType, RecordDataset } from '../../shared/catalogue';
import { recordDatasets } from '../../shared/catalogue';
import type { Db } from './open-database';

/**
 * Record tables are derived from the catalogue. Each has an integer rowid (cheap B-tree appends
 * and the FTS content link), the natural key as a unique TEXT column, one column per catalogue
 * column, and the raw API record so nothing the API sends is dropped.
 */
export const recordMetaColumns = {
  rowid: '_rowid',
  key: '_key',
  raw: '_raw',
  firstSeen: '_first_seen',
  lastSeen: '_last_seen',
  goneSince: '_gone_since',
  changedAt: '_changed_at',
} as const;

const identifier = /^[a-z][A-Za-z0-9_]*$/;

/** Quotes an identifier that comes from the catalogue; anything else is a programming error. */
export function quoteIdent(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a catalogue identifier: ${name}`);
  return `"${name}"`;
}

export function sqlTypeOf(type: ColumnType): 'TEXT' | 'REAL' | 'INTEGER' {
  switch (type) {
    case 'number':
    case 'money':
      return 'REAL';
    case 'boolean':
      return 'INTEGER';
    default:
      return 'TEXT';
  }
}

export function createRecordTableSql(dataset: RecordDataset): string {
  const m = recordMetaColumns;
  const columns = dataset.columns.map((c) => `  ${quoteIdent(c.name)} ${sqlTypeOf(c.type)}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(dataset.table)} (`,
    `  ${m.rowid} INTEGER PRIMARY KEY,`,
    `  ${m.key} TEXT NOT NULL UNIQUE,`,
    ...columns.map((c) => `${c},`),
    `  ${m.raw} TEXT NOT NULL,`,
    `  ${m.firstSeen} TEXT NOT NULL,`,
    `  ${m.lastSeen} TEXT NOT NULL,`,
    `  ${m.goneSince} TEXT,`,
    `  ${m.changedAt} TEXT`,
    ') STRICT',
  ].join('\n');
}

/**
 * Brings every record table in line with the catalogue: creates missing tables and adds columns
 * the catalogue gained since the file was written (additive, so no numbered migration is needed
 * for a new field; the raw record already holds its value and `backfill` fills it in).
 */
export function ensureRecordTables(db: Db): { addedColumns: { table: string; column: string }[] } {
  const added: { table: string; column: string }[] = [];
  for (const dataset of recordDatasets) {
    db.exec(createRecordTableSql(dataset));
    const existing = new Set(
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(dataset.table) as { name: string }[]).map((r) => r.name),
    );
    for (const column of dataset.columns) {
      if (existing.has(column.name)) continue;
      db.exec(`ALTER TABLE ${quoteIdent(dataset.table)} ADD COLUMN ${quoteIdent(column.name)} ${sqlTypeOf(column.type)}`);
      added.push({ table: dataset.table, column: column.name });
    }
  }
  return { addedColumns: added };
}
