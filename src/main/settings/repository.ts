import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';

const keys = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** Reads every setting; a missing or invalid stored value yields its default. */
export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = stored.get(key);
    let value: unknown = defaultSettings[key];
    if (raw !== undefined) {
      try {
        const parsed = settingsSchema.shape[key].safeParse(JSON.parse(raw));
        if (parsed.success) value = parsed.data;
      } catch {
        // A damaged value keeps its default; the next write replaces it.
      }
    }
    out[key] = value;
  }
  return out as Settings;
}

/** Validates and stores a partial update in one transaction; answers the full settings. */
export function updateSettings(db: Db, patch: unknown): Settings {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppFailure('validation', `Invalid setting ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid value'}`);
  }
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction((p: SettingsPatch) => {
    for (const [key, value] of Object.entries(p)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
  })(parsed.data);
  return readSettings(db);
}
