/**
 * Quick-filter benchmark on the grid bench's database (1M licences; run `npm run bench -- grid`
 * first to seed it): the one-off cost of space migration 5 (full-text rebuild) when the file is
 * older, then, for typical words and a word in every record, each beside the same queries
 * written by hand in the same run:
 * - the quick filter: time to the first rows as the grid gets them (`grid.block`, nothing counted
 *   before: a new word), target p95 <= 50 ms;
 * - the matching count that follows (`grid.count`, cold), target p95 <= 100 ms;
 * - block and count in one call (`grid.query`, what the grid waited for before grid.block).
 *   npm run bench -- quick-filter
 *   SCALE=100000 npm run bench -- quick-filter
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDataset } from '../src/shared/catalogue';
import { viewStateSchema } from '../src/shared/contract-grid';
import { forgetCounts, queryBlock, queryCounts, queryGrid } from '../src/main/query/grid-query';
import { openDatabase, openMigratedSpaceDatabase, type Db } from '../src/main/store';
import { openSpaceDatabase, spaceMigrations, spaceSchemaVersion } from '../src/main/space-database';
import { p95, report, time } from './timing';

const count = process.env.SCALE && process.env.SCALE !== 'large' ? Number(process.env.SCALE) : 1_000_000;
const path = join(tmpdir(), 'mpdesk-bench-grid', `space-${count}.sqlite`);
const now = new Date('2026-03-15T12:00:00Z');


/** Earlier migrations first (timed apart), then migration 5 alone: its one-off cost at this scale. */
function openMigrated(): Db {
  const before = openDatabase(path, { readonly: true });
  const from = before.pragma('user_version', { simple: true }) as number;
  before.close();
  if (from < 4) {
    const started = performance.now();
    openMigratedSpaceDatabase(path, spaceMigrations.slice(0, 4)).close();
    console.log(`space migrations ${from} -> 4: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const started = performance.now();
  const db = openSpaceDatabase(path);
  if (from < spaceSchemaVersion) console.log(`space migration 5 (full-text rebuild, ${count.toLocaleString('en')} licences + transactions): ${((performance.now() - started) / 1000).toFixed(1)} s, one-off`);
  return db;
}

/**
 * p95 of `fn` with no count held, as after typing a new word: the view's counts are forgotten
 * before each run, the data set's row count (unchanged while typing) is counted again first.
 */
function timeCold(db: Db, n: number, fn: (i: number) => unknown): number {
  const samples: number[] = [];
  for (let i = -1; i < n; i++) {
    forgetCounts(db);
    queryCounts({ db, now }, { dataset: 'licences', filterModel: {}, quickFilter: '', flags: {} });
    const t = performance.now();
    fn(Math.max(0, i));
    if (i >= 0) samples.push(performance.now() - t); // the first run warms statements and pages
  }
  return p95(samples);
}

function measure(db: Db): void {
  const cols = recordDataset('licences').defaultVisible.map((c) => `"${c}"`).join(', ');
  const ctx = { db, now };
  // The first request for a typed word: default columns, newest maintenance first (100 rows as
  // the figures; the grid asks 200 at a time).
  const request = (word: string, rows = 100) => ({ dataset: 'licences' as const, startRow: 0, endRow: rows, ...viewStateSchema.parse({ quickFilter: word, sortModel: [{ colId: 'maintenanceStartDate', sort: 'desc' }] }) });
  const countRequest = (word: string) => ({ dataset: 'licences' as const, filterModel: {}, quickFilter: word, flags: {} });
  // LIMIT as a literal: bound, the planner no longer walks the sort index for a small limit.
  const handBlock = (word: string, rows = 100) =>
    db.prepare(`SELECT _key, ${cols} FROM licences WHERE _rowid IN (SELECT rowid FROM licences_fts WHERE licences_fts MATCH ?) ORDER BY maintenanceStartDate DESC LIMIT ${Number(rows)}`).all(`"${word}"*`);
  const handCount = (word: string) => db.prepare(`SELECT count(*) FROM licences_fts WHERE licences_fts MATCH ?`).get(`"${word}"*`);

  const typical = ['glo', 'tech', 'stark', 'zen', 'bex', 'lent', 'dyne', 'mail', 'john', 'zzq'];
  for (const [label, words, n] of [
    ['typical', typical, 40],
    ['every record', ['acme'], 10],
  ] as const) {
    const word = (i: number) => words[i % words.length]!;
    const uncounted = words.filter((w) => (forgetCounts(db), queryBlock(ctx, request(w)).rowCount === null));
    console.log(`${label} words: ${uncounted.length} of ${words.length} leave their count to grid.count (${uncounted.join(', ') || 'none'})`);
    report(`quick filter: first rows (${label})`, timeCold(db, n, (i) => queryBlock(ctx, request(word(i)))), time(n, (i) => handBlock(word(i))), '<= 50 ms');
    report(`  the grid's 200-row block (${label})`, timeCold(db, n, (i) => queryBlock(ctx, request(word(i), 200))), time(n, (i) => handBlock(word(i), 200)), '<= 50 ms');
    report(`  matching count after them (${label})`, timeCold(db, n, (i) => queryCounts(ctx, countRequest(word(i)))), time(n, (i) => handCount(word(i))), '<= 100 ms');
    report(`  block + count in one (${label})`, timeCold(db, n, (i) => queryGrid(ctx, request(word(i)))), time(n, (i) => (handBlock(word(i)), handCount(word(i)))), 'grid.query');
  }
}

if (!existsSync(path)) {
  console.error(`no seeded database at ${path}: run \`npm run bench -- grid\` (same SCALE) first`);
  process.exit(2);
}
const db = openMigrated();
try {
  measure(db);
} finally {
  db.close();
}
