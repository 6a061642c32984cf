import { recordDatasets } from '../../shared/catalogue';
import type { Db } from '../store';
import { fullTextTable } from './full-text';
import { ensureGridSchema } from './schema';

const checked = new WeakSet<Db>();

/**
 * A database opened before migration 3 was wired in (or a read path reached first) gets its
 * full-text tables now. Checked once per connection; only when a table is missing does it
 * build anything, so it never undoes a bulk load's dropped indexes.
 */
export function ensureGridSchemaOnce(db: Db): void {
  if (checked.has(db)) return;
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_fts' ESCAPE '\\'").all() as { name: string }[]).map((r) => r.name),
  );
  if (!db.readonly && recordDatasets.some((d) => !present.has(fullTextTable(d)))) ensureGridSchema(db);
  checked.add(db);
}
