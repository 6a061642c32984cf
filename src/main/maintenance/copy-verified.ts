import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { AppFailure } from '../../shared/result';
import { quoteIdent } from '../store';

/** One file of a data directory, by its path relative to the directory. */
export interface DataFile {
  relPath: string;
  bytes: number;
  /** A live database of the app (`*.sqlite`): checkpointed, copied and verified table by table. */
  database: boolean;
}

/** Companions SQLite recreates (a checkpointed WAL is empty) and locks of a sync that no longer runs. */
const transient = /(\.sqlite-(wal|shm)|\.sync-lock|\.partial|\.writing)$/;

/** Every file to carry over, depth first; a file kept aside (`.corrupt-…`) travels as plain bytes with its WAL. */
export function listDataFiles(root: string, dir = root): DataFile[] {
  const out: DataFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.endsWith('.sync-lock')) out.push(...listDataFiles(root, full));
    } else if (entry.isFile() && !transient.test(entry.name)) {
      out.push({ relPath: relative(root, full), bytes: statSync(full).size, database: entry.name.endsWith('.sqlite') });
    }
  }
  return out;
}

/**
 * Copies one file and proves the copy. A database is first checkpointed (`wal_checkpoint(TRUNCATE)`:
 * every committed page is in the main file, nothing is left behind in its WAL), then copied, then
 * quick-checked and compared table by table (row counts) with the original. Nothing else may have
 * the database open: the caller stopped the data service first.
 */
export function copyVerified(fromRoot: string, toRoot: string, file: DataFile): void {
  const source = join(fromRoot, file.relPath);
  const target = join(toRoot, file.relPath);
  mkdirSync(dirname(target), { recursive: true });
  if (!file.database) {
    copyFileSync(source, target);
    if (statSync(target).size !== statSync(source).size) throw new AppFailure('internal', `The copy of ${source} is incomplete.`);
    return;
  }
  const original = new Database(source, { fileMustExist: true });
  try {
    original.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(source, target);
    const copy = new Database(target, { readonly: true, fileMustExist: true });
    try {
      const check = (copy.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
      if (check.some((r) => r !== 'ok')) throw new AppFailure('db.corrupt', `The copy of ${source} failed its integrity check: ${check.slice(0, 3).join('; ')}`);
      const a = countRows(original);
      const b = countRows(copy);
      for (const [table, n] of a) {
        if (b.get(table) !== n) throw new AppFailure('internal', `The copy of ${source} has ${b.get(table) ?? 'no'} rows in ${table}, the original ${n}.`);
      }
    } finally {
      copy.close();
    }
  } finally {
    original.close();
  }
}

/** Rows per table (virtual FTS shadow tables included: they are ordinary tables). */
function countRows(db: Database.Database): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
  return new Map(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM ${quoteIdent(t)}`).pluck().get() as number]));
}
