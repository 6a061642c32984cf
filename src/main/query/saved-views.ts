import type { RecordDatasetId } from '../../shared/catalogue';
import { viewStateSchema, type SavedView, type ViewState } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';
import { compileView } from './build-query';

interface ViewRow {
  id: number;
  dataset: string;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

const defaults = viewStateSchema.parse({});

/** A stored view is re-validated on read: a catalogue change must not break the grid. */
function toSavedView(row: ViewRow, now: Date): SavedView {
  const base = { id: row.id, dataset: row.dataset, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at };
  try {
    const state = viewStateSchema.parse(JSON.parse(row.state));
    compileView(row.dataset as RecordDatasetId, state, now);
    return { ...base, state, problem: null };
  } catch (e) {
    const reason = e instanceof Error ? e.message.slice(0, 200) : 'invalid';
    return { ...base, state: defaults, problem: `This view no longer fits the data set (${reason}); it shows the defaults until saved again.` };
  }
}

function byId(db: Db, id: number, now: Date): SavedView {
  const row = db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as ViewRow | undefined;
  if (!row) throw new AppFailure('not_found', 'That saved view no longer exists.');
  return toSavedView(row, now);
}

export function listViews(db: Db, dataset: RecordDatasetId, now: Date): SavedView[] {
  const rows = db.prepare('SELECT * FROM saved_views WHERE dataset = ? ORDER BY name COLLATE NOCASE, id').all(dataset) as ViewRow[];
  return rows.map((r) => toSavedView(r, now));
}

export function findViewByName(db: Db, dataset: RecordDatasetId, name: string, now: Date): SavedView {
  const row = db.prepare('SELECT * FROM saved_views WHERE dataset = ? AND name = ?').get(dataset, name.trim()) as ViewRow | undefined;
  if (!row) throw new AppFailure('not_found', `No saved view named "${name.slice(0, 100)}" for this data set.`);
  const view = toSavedView(row, now);
  if (view.problem) throw new AppFailure('validation', view.problem);
  return view;
}

/** Saves a view; an existing name is a conflict unless `overwrite` is set. */
export function saveView(db: Db, input: { dataset: RecordDatasetId; name: string; state: ViewState; overwrite: boolean }, now: Date): SavedView {
  compileView(input.dataset, input.state, now); // refuses unknown columns and mistyped filters
  const stamp = now.toISOString();
  const existing = db.prepare('SELECT id FROM saved_views WHERE dataset = ? AND name = ?').get(input.dataset, input.name) as { id: number } | undefined;
  if (existing && !input.overwrite) throw new AppFailure('conflict', `A view named "${input.name}" already exists.`);
  if (existing) {
    db.prepare('UPDATE saved_views SET state = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(input.state), stamp, existing.id);
    return byId(db, existing.id, now);
  }
  const info = db
    .prepare('INSERT INTO saved_views (dataset, name, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(input.dataset, input.name, JSON.stringify(input.state), stamp, stamp);
  return byId(db, Number(info.lastInsertRowid), now);
}

export function renameView(db: Db, id: number, name: string, now: Date): SavedView {
  const current = byId(db, id, now);
  const clash = db.prepare('SELECT id FROM saved_views WHERE dataset = ? AND name = ? AND id <> ?').get(current.dataset, name, id);
  if (clash) throw new AppFailure('conflict', `A view named "${name}" already exists.`);
  db.prepare('UPDATE saved_views SET name = ?, updated_at = ? WHERE id = ?').run(name, now.toISOString(), id);
  return byId(db, id, now);
}

export function deleteView(db: Db, id: number): { deleted: boolean } {
  return { deleted: db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes > 0 };
}
