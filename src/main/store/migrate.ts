import type { Db } from './open-database';
import { AppFailure } from '../../shared/result';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Db) => void;
  /** Rebuilds indexes over every row: seconds per million rows, so an upgrade says so first. */
  readonly slow?: boolean;
}

/** Called before the pending migrations of a file that already had a schema run. */
export type OnUpgrade = (upgrade: { from: number; to: number; slow: readonly Migration[] }) => void;

/**
 * Applies numbered migrations keyed on `PRAGMA user_version`, all pending ones in one
 * transaction: a failure leaves the database at its old version. A database written by a newer
 * app (user_version above the last migration) is refused rather than misread.
 */
export function migrate(db: Db, migrations: readonly Migration[], what: string, onUpgrade?: OnUpgrade): { from: number; to: number } {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new AppFailure(
      'db.newer',
      `This ${what} was written by a newer version of Marketplace Desk (schema ${current}, this app knows ${latest}). Update Marketplace Desk to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  if (current > 0) onUpgrade?.({ from: current, to: latest, slow: pending.filter((m) => m.slow) });
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from: current, to: latest };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
}
