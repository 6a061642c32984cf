import { existsSync } from 'node:fs';
import { demoAccount, readActiveAccountId } from '../main/accounts';
import { findAccountRowByName, getAccountRow } from '../main/accounts/repository';
import { appDbPath, openAppDatabase, spaceDbPath } from '../main/store';
import { UsageError } from './exit-codes';

/**
 * Resolves `--space NAME` to a space id: a saved account's name, "Demo", or — without the
 * flag — the active account (the Demo space when none is active).
 */
export function resolveSpaceId(dataDir: string, name: string | undefined): string {
  if (name !== undefined && name.trim().toLowerCase() === demoAccount.name.toLowerCase()) return demoAccount.id;
  if (!existsSync(appDbPath(dataDir))) {
    if (name === undefined) return demoAccount.id;
    throw new UsageError(`no saved account named "${name}" (there are no saved accounts in ${dataDir} yet; see \`mpdesk accounts add --help\`)`);
  }
  const db = openAppDatabase(appDbPath(dataDir));
  try {
    if (name === undefined) {
      const active = readActiveAccountId(db);
      return active && getAccountRow(db, active) ? active : demoAccount.id;
    }
    const row = findAccountRowByName(db, name);
    if (!row) throw new UsageError(`no saved account named "${name}" (see \`mpdesk accounts list\`)`);
    return row.id;
  } finally {
    db.close();
  }
}

/** The space database file of `--space NAME`; fails when that space has no local data yet. */
export function existingSpaceDbPath(dataDir: string, spaceId: string): string {
  const path = spaceDbPath(dataDir, spaceId);
  if (!existsSync(path)) throw new Error(`there is no local data for this space yet in ${dataDir} (run \`mpdesk sync\` or \`mpdesk demo\` first)`);
  return path;
}

/** The `--data-dir` option every data command takes (the same resolution order as the app). */
export const dataDirOption = ['--data-dir <dir>', 'data directory (default: MPDESK_DATA_DIR, else where the app last moved it, else the OS convention)'] as const;
