import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';

export type Db = Database.Database;

/** The page size of new database files (see `openDatabase`). */
export const pageSize = 16384;

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** Statements slower than this are reported to `onSlowQuery` (STYLE.md: about 40 ms). */
  slowQueryMs?: number;
  onSlowQuery?: (sql: string, ms: number) => void;
  /** Query connections get a large page cache and mmap (PERF-LIMITS.md: 181 → 39 ms p95 at 1M rows). */
  role?: 'writer' | 'reader';
}

/**
 * Opens a SQLite file with the pragmas set in one place.
 * - WAL: readers (grid queries) never wait for the sync's writer, and a crash leaves the last
 *   committed transaction intact.
 * - synchronous=NORMAL: in WAL mode this never corrupts the database; a power cut may lose the
 *   last transactions, which the sync re-fetches from its checkpoint. FULL would fsync every
 *   page commit and halve ingest speed for no gain in consistency.
 * - foreign_keys=ON, busy_timeout so a second connection waits instead of failing at once.
 * - 16 KiB pages for new files: a synced record (flattened columns + its raw JSON) is ~2.2 KB,
 *   so a 4 KiB page holds one and leaves 45% empty. At 16 KiB a transactions table measured 41%
 *   smaller and its insert 37% faster (53k synced records: 203 → 119 MB, 1.9 → 1.2 s). The pragma
 *   is a no-op on an existing file (a WAL file's page size is fixed), so older spaces keep theirs.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new AppFailure('db.corrupt', `Cannot open the database at ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    if (!options.readonly) {
      db.pragma(`page_size = ${pageSize}`);
      db.pragma('journal_mode = WAL');
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    if (options.role === 'reader') {
      db.pragma('cache_size = -262144'); // 256 MiB
      db.pragma('mmap_size = 2147483648'); // 2 GiB
    } else {
      db.pragma('cache_size = -65536'); // 64 MiB
    }
  } catch (e) {
    db.close();
    const message = (e as Error).message;
    if (/not a database|malformed/i.test(message)) {
      throw new AppFailure('db.corrupt', `The database at ${path} is damaged: ${message}`, { cause: e });
    }
    throw e;
  }
  if (options.onSlowQuery) installSlowQueryLog(db, options.slowQueryMs ?? 40, options.onSlowQuery);
  return db;
}

/** Wraps `prepare` so every statement run through it reports when it takes longer than `ms`. */
function installSlowQueryLog(db: Db, thresholdMs: number, report: (sql: string, ms: number) => void): void {
  const prepare = db.prepare.bind(db);
  const timed = <F extends (...args: never[]) => unknown>(sql: string, fn: F): F =>
    ((...args: Parameters<F>) => {
      const start = performance.now();
      const result = fn(...args);
      const ms = performance.now() - start;
      if (ms >= thresholdMs) report(sql, ms);
      return result;
    }) as F;
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    stmt.run = timed(sql, stmt.run.bind(stmt));
    stmt.get = timed(sql, stmt.get.bind(stmt));
    stmt.all = timed(sql, stmt.all.bind(stmt));
    return stmt;
  }) as Db['prepare'];
}
