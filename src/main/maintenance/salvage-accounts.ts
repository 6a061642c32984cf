import Database from 'better-sqlite3';
import { z } from 'zod';
import { activeAccountSetting } from '../accounts/repository';
import { openAppDatabase } from '../store';

const accountRow = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  developer_id: z.string().min(1),
  email: z.string(),
  base_url: z.string().url(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});

/**
 * Copies the saved accounts that can still be read from a damaged settings file (kept aside) into
 * the fresh one at `freshPath`. Their API tokens are in the keychain under the same account ids,
 * so every account recovered works again without the user re-entering anything. Reading stops at
 * the first damaged page; the active account is carried over when it was among those recovered.
 * Answers how many accounts came back (0 when nothing could be read).
 */
export function salvageAccounts(keptAt: string, freshPath: string): number {
  const rows: z.output<typeof accountRow>[] = [];
  let active: string | null = null;
  let damaged: Database.Database | undefined;
  try {
    damaged = new Database(keptAt, { readonly: true, fileMustExist: true });
    for (const raw of damaged.prepare('SELECT id, name, developer_id, email, base_url, created_at, last_used_at FROM accounts').iterate()) {
      const parsed = accountRow.safeParse(raw);
      if (parsed.success) rows.push(parsed.data);
    }
    const setting = damaged.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(activeAccountSetting);
    active = typeof setting === 'string' ? setting : null;
  } catch {
    // A damaged page ends the salvage: what was read before it is kept.
  } finally {
    damaged?.close();
  }
  if (rows.length === 0) return 0;
  const fresh = openAppDatabase(freshPath);
  try {
    const insert = fresh.prepare('INSERT OR IGNORE INTO accounts (id, name, developer_id, email, base_url, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let added = 0;
    fresh.transaction(() => {
      for (const r of rows) added += insert.run(r.id, r.name, r.developer_id, r.email, r.base_url, r.created_at, r.last_used_at).changes;
      if (active && rows.some((r) => r.id === active)) fresh.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(activeAccountSetting, active);
    })();
    return added;
  } finally {
    fresh.close();
  }
}
