import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

export type IntegrityResult =
  | { status: 'missing' }
  | { status: 'ok' }
  /** Written by a newer app (user_version above `latestVersion`): left exactly as it is. */
  | { status: 'newer'; version: number }
  | { status: 'corrupt'; detail: string; keptAt: string };

/** SQLite's answers for a file that is damaged or not a database (anything else — busy, no permission — is not damage). */
const damageCodes = /^SQLITE_(CORRUPT|NOTADB)/;

/**
 * Quick integrity check of a database file before the app opens it (`PRAGMA quick_check`), on a
 * read-only connection so that checking never changes the file. A damaged file is kept aside —
 * never deleted: it may still hold data a support engineer can recover — together with its WAL,
 * and the caller starts from an empty file that the next sync rebuilds from the API, telling the
 * user why. A file from a newer app version is reported and left untouched. Other failures
 * (locked, unreadable) are thrown: they say nothing about the file's health.
 */
export function checkDatabaseFile(
  path: string,
  now: () => Date = () => new Date(),
  latestVersion = Number.POSITIVE_INFINITY,
  fullCheckUpTo = startupFullCheckBytes,
): IntegrityResult {
  if (!existsSync(path)) return { status: 'missing' };
  const marker = fullCheckMarker(path);
  const bounded = statSync(path).size > fullCheckUpTo && !existsSync(marker);
  let detail: string | null = null;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) return { status: 'newer', version };
    const rows = bounded ? quickCheckBookkeeping(db) : (db.pragma('quick_check') as { quick_check: string }[]);
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) detail = problems.slice(0, 5).join('; ');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string' || !damageCodes.test(code)) throw e;
    detail = (e as Error).message;
  } finally {
    db?.close();
  }
  rmSync(marker, { force: true });
  if (detail === null) return { status: 'ok' };
  return { status: 'corrupt', detail, keptAt: setAside(path, now()) };
}

/**
 * Files above this size get the bounded check at start-up. `PRAGMA quick_check` reads every page:
 * 25.8 s on the 3.1 GB bench space (1M licences + 1M transactions, warm page cache), all of it
 * before the data worker answers its first query. Below 256 MiB it costs about 2 s at most.
 */
export const startupFullCheckBytes = 256 * 2 ** 20;

/**
 * Tables whose damage would make a sync or the app itself go wrong (where a sync resumes, what it
 * last did, saved views, metric bookkeeping), checked with their indexes: about 5 ms on the 3.1 GB
 * file. With the header and the whole schema read on opening, this finds a file that is not a
 * database, a truncated or scrambled header and a broken schema page; damage deep inside a
 * record table is found when a query reads it (SQLITE_CORRUPT), and by the full check on demand.
 */
const bookkeepingTables = ['sqlite_schema', 'sync_runs', 'sync_checkpoints', 'dataset_state', 'saved_views', 'metric_state', 'accounts', 'settings'];

function quickCheckBookkeeping(db: Database.Database): { quick_check: string }[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  // The table name is a pragma argument, not a bindable value: only names from the list above, present in the file.
  return bookkeepingTables
    .filter((t) => t === 'sqlite_schema' || present.has(t))
    .flatMap((t) => db.pragma(`quick_check(${t})`) as { quick_check: string }[]);
}

const fullCheckMarker = (path: string) => `${path}.full-check`;

/**
 * Asks the next start-up to read every page of the file, however large (Settings' full check
 * found damage there): it is then kept aside and rebuilt like any damaged file.
 */
export function requestFullCheckAtStartup(path: string): void {
  writeFileSync(fullCheckMarker(path), 'The full integrity check found damage; the next start-up checks every page.\n');
}

function setAside(path: string, when: Date): string {
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}
