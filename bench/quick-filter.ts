/**
 * Quick-filter benchmark on the grid bench's database (1M licences; run `npm run bench -- grid`
 * first to seed it): the one-off cost of space migration 5 (full-text rebuild) when the file is
 * older, then p95 of the quick filter's first block and its exact count, apart and together,
 * each beside the same queries written by hand in the same run.
 *   npm run bench -- quick-filter
 *   SCALE=100000 npm run bench -- quick-filter
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordDataset } from '../src/shared/catalogue';
import { viewStateSchema } from '../src/shared/contract-grid';
import { blockSql, compileView, countSql } from '../src/main/query/build-query';
import { chooseQuickShape } from '../src/main/query/quick-plan';
import { openDatabase, openMigratedSpaceDatabase, type Db } from '../src/main/store';
import { openSpaceDatabase, spaceMigrations, spaceSchemaVersion } from '../src/main/space-database';
import { report, time } from './timing';

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

function measure(db: Db): void {
  const cols = recordDataset('licences').defaultVisible.map((c) => `"${c}"`).join(', ');
  const compiled = (word: string) => compileView('licences', viewStateSchema.parse({ quickFilter: word, sortModel: [{ colId: 'maintenanceStartDate', sort: 'desc' }] }), now);
  const ourCount = (word: string) => {
    const c = countSql(compiled(word));
    return (db.prepare(c.sql).get(...c.params) as { n: number }).n;
  };
  const total = (db.prepare('SELECT count(*) AS n FROM licences').get() as { n: number }).n;
  const ourBlock = (word: string, n: number) => {
    const v = compiled(word);
    const b = blockSql(v, 0, 100, { quickShape: chooseQuickShape(v, { offset: 0, limit: 100, matches: n, total }) });
    return db.prepare(b.sql).raw(true).all(...b.params);
  };
  const handBlock = (word: string) =>
    db.prepare(`SELECT _key, ${cols} FROM licences WHERE _rowid IN (SELECT rowid FROM licences_fts WHERE licences_fts MATCH ?) ORDER BY maintenanceStartDate DESC LIMIT 100`).all(`"${word}"*`);
  const handCount = (word: string) => db.prepare(`SELECT count(*) FROM licences_fts WHERE licences_fts MATCH ?`).get(`"${word}"*`);
  const counts = new Map<string, number>();
  const countOf = (word: string) => counts.get(word) ?? counts.set(word, ourCount(word)).get(word)!;

  const typical = ['glo', 'tech', 'stark', 'zen', 'bex', 'lent', 'dyne', 'mail', 'john', 'zzq'];
  for (const [label, words, n] of [
    ['typical words', typical, 40],
    ['a word in every record', ['acme'], 10],
  ] as const) {
    const word = (i: number) => words[i % words.length]!;
    report(`quick filter: block + count (${label})`, time(n, (i) => ourBlock(word(i), ourCount(word(i)))), time(n, (i) => (handBlock(word(i)), handCount(word(i)))), '<= 50 ms');
    report(`  first block alone (${label})`, time(n, (i) => ourBlock(word(i), countOf(word(i)))), time(n, (i) => handBlock(word(i))), '');
    report(`  exact count alone (${label})`, time(n, (i) => ourCount(word(i))), time(n, (i) => handCount(word(i))), '');
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
