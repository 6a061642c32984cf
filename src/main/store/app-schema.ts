import type { Migration } from './migrate';

/** Migrations of the app database: saved accounts (never their tokens) and settings. */
export const appMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'accounts and settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE accounts (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          developer_id TEXT NOT NULL,
          email TEXT NOT NULL,
          base_url TEXT NOT NULL,
          created_at TEXT NOT NULL,
          last_used_at TEXT
        ) STRICT;

        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];
