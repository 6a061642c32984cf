// Saved accounts in the app database. Tokens are not here: they live in the keychain (secrets/).
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';

export interface AccountRow {
  id: string;
  name: string;
  developerId: string;
  email: string;
  baseUrl: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface RawAccountRow {
  id: string;
  name: string;
  developer_id: string;
  email: string;
  base_url: string;
  created_at: string;
  last_used_at: string | null;
}

/** Settings key of the active account; the data service reads it to know which space to open. */
export const activeAccountSetting = 'activeAccountId';

function rowToAccount(r: RawAccountRow): AccountRow {
  return {
    id: r.id,
    name: r.name,
    developerId: r.developer_id,
    email: r.email,
    baseUrl: r.base_url,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  };
}

export function listAccountRows(db: Db): AccountRow[] {
  const rows = db.prepare('SELECT * FROM accounts ORDER BY name COLLATE NOCASE').all() as RawAccountRow[];
  return rows.map(rowToAccount);
}

export function getAccountRow(db: Db, id: string): AccountRow | null {
  const r = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as RawAccountRow | undefined;
  return r ? rowToAccount(r) : null;
}

/** Names are unique regardless of case, so `accounts test acme` finds "Acme". */
export function findAccountRowByName(db: Db, name: string): AccountRow | null {
  const r = db.prepare('SELECT * FROM accounts WHERE name = ? COLLATE NOCASE').get(name.trim()) as RawAccountRow | undefined;
  return r ? rowToAccount(r) : null;
}

export function findAccountRowBySpace(db: Db, developerId: string, baseUrl: string): AccountRow | null {
  const r = db.prepare('SELECT * FROM accounts WHERE developer_id = ? AND base_url = ?').get(developerId, baseUrl) as RawAccountRow | undefined;
  return r ? rowToAccount(r) : null;
}

export function insertAccountRow(db: Db, a: AccountRow): void {
  failOnDuplicateName(a.name, () =>
    db
      .prepare(
        `INSERT INTO accounts (id, name, developer_id, email, base_url, created_at, last_used_at)
         VALUES (@id, @name, @developerId, @email, @baseUrl, @createdAt, @lastUsedAt)`,
      )
      .run(a),
  );
}

export function renameAccountRow(db: Db, id: string, name: string): void {
  failOnDuplicateName(name, () => db.prepare('UPDATE accounts SET name = ? WHERE id = ?').run(name, id));
}

/** The UNIQUE name constraint as a user-facing conflict (a race with another window or the CLI). */
function failOnDuplicateName(name: string, write: () => unknown): void {
  try {
    write();
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppFailure('conflict', `An account named “${name}” already exists: choose another name.`);
    }
    throw e;
  }
}

export function touchAccountRow(db: Db, id: string, at: string): void {
  db.prepare('UPDATE accounts SET last_used_at = ? WHERE id = ?').run(at, id);
}

export function deleteAccountRow(db: Db, id: string): void {
  db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
}

export function readActiveAccountId(db: Db): string | null {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(activeAccountSetting) as { value: string } | undefined;
  return r?.value ?? null;
}

export function writeActiveAccountId(db: Db, id: string | null): void {
  if (id === null) db.prepare('DELETE FROM settings WHERE key = ?').run(activeAccountSetting);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(activeAccountSetting, id);
}
