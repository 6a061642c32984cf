import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';

export type IntegrityResult =
  | { status: 'missing' }
  | { status: 'ok' }
  | { status: 'corrupt'; detail: string; keptAt: string };

/**
 * Quick integrity check of a database file before the app opens it (`PRAGMA quick_check`). A
 * damaged file is kept aside — never deleted: it may still hold data a support engineer can
 * recover — together with its WAL, and the caller starts from an empty file that the next sync
 * rebuilds from the API, telling the user why.
 */
export function checkDatabaseFile(path: string, now: () => Date = () => new Date()): IntegrityResult {
  if (!existsSync(path)) return { status: 'missing' };
  let detail: string | null = null;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) detail = problems.slice(0, 5).join('; ');
  } catch (e) {
    detail = (e as Error).message;
  } finally {
    db?.close();
  }
  if (detail === null) return { status: 'ok' };
  return { status: 'corrupt', detail, keptAt: setAside(path, now()) };
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
