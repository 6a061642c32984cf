import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';
import { spaceSchemaVersion } from '../space-database';
import { quickCheckOffThread } from './quick-check-thread';

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/**
 * Copies a live database with SQLite's online backup API (better-sqlite3 `backup`): readers and
 * the sync may keep working while it runs. It writes beside the target and renames at the end,
 * so an interrupted backup never leaves a half file under the chosen name.
 */
export async function backupDatabase(db: Db, outPath: string, onProgress?: (p: BackupProgress) => void): Promise<{ bytes: number }> {
  mkdirSync(dirname(outPath), { recursive: true });
  const partial = `${outPath}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, {
      progress: (info) => {
        onProgress?.(info);
        return 200; // pages per step: keeps each step short so other work interleaves
      },
    });
    // A backup is one self-contained file: switch the copy out of WAL mode so that opening it
    // never leaves -wal/-shm companions that would have to travel with it.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    // Every page is read off the main thread first; the remaining checks read the schema only.
    const quick = await quickCheckOffThread(partial);
    if (quick.some((r) => r !== 'ok')) throw new AppFailure('db.corrupt', `The backup ${outPath} is damaged: ${quick.slice(0, 3).join('; ')}`);
    const check = verifyBackupFile(partial, { pagesChecked: true });
    renameSync(partial, outPath);
    return { bytes: check.bytes };
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    throw e instanceof AppFailure ? e : new AppFailure('internal', `Backup to ${outPath} failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Checks that a file is a Marketplace Desk space database this app can read. */
export function verifyBackupFile(path: string, options: { pagesChecked?: boolean } = {}): { bytes: number; schema: number } {
  if (!existsSync(path)) throw new AppFailure('not_found', `No backup file at ${path}.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const quick = options.pagesChecked ? [] : (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (quick.some((r) => r !== 'ok')) throw new AppFailure('db.corrupt', `The backup ${path} is damaged: ${quick.slice(0, 3).join('; ')}`);
    const schema = db.pragma('user_version', { simple: true }) as number;
    if (schema > spaceSchemaVersion) {
      throw new AppFailure('db.newer', `The backup ${path} was written by a newer version of Marketplace Desk (schema ${schema}). Update the app to restore it.`);
    }
    const hasLicences = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'licences'").get();
    if (!hasLicences) throw new AppFailure('validation', `${path} is not a Marketplace Desk backup (no licences table).`);
    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    return { bytes, schema };
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    throw new AppFailure('db.corrupt', `${path} is not a readable SQLite database: ${(e as Error).message}`, { cause: e });
  } finally {
    db?.close();
  }
}

/**
 * Replaces a (closed) space database with a verified backup. The current file is kept as
 * `<file>.before-restore` until the copy is in place, so a failure leaves the old data.
 */
export function restoreDatabase(backupPath: string, targetPath: string): { keptAt: string | null } {
  verifyBackupFile(backupPath);
  mkdirSync(dirname(targetPath), { recursive: true });
  const incoming = `${targetPath}.restoring`;
  copyFileSync(backupPath, incoming);
  let keptAt: string | null = null;
  if (existsSync(targetPath)) {
    keptAt = `${targetPath}.before-restore`;
    rmSync(keptAt, { force: true });
    renameSync(targetPath, keptAt);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(targetPath + suffix, { force: true });
  renameSync(incoming, targetPath);
  return { keptAt };
}
