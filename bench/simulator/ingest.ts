/**
 * The fastest a client could ingest what the simulator serves: the same page bodies parsed
 * (JSON.parse), flattened by the catalogue's columns and inserted with one plain prepared
 * statement in one transaction into a temp SQLite file, as the sync bench's baseline does
 * (PERF-LIMITS.md). The sync's own writer is slower still, so a serving rate several times this
 * one cannot dominate a sync benchmark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPath, recordDataset, type RecordDatasetId } from '../../src/shared/catalogue';
import { openDatabase, quoteIdent } from '../../src/main/store';
import { toSqlValue } from '../../src/main/store/record-writer';

export interface Ingest {
  rows: number;
  perSecond: number;
}

/** Ingest rate of the records under `key` in page bodies (JSON objects of a list endpoint). */
export function measureIngest(id: RecordDatasetId, key: string, bodies: readonly Buffer[]): Ingest {
  const dataset = recordDataset(id);
  const dir = mkdtempSync(join(tmpdir(), 'mpdesk-bench-sim-'));
  const db = openDatabase(join(dir, 'ingest.sqlite'));
  try {
    const cols = dataset.columns.map((c) => quoteIdent(c.name));
    const keyIndexes = dataset.key[0]!.map((name) => dataset.columns.findIndex((c) => c.name === name));
    db.exec(`CREATE TABLE t (_rowid INTEGER PRIMARY KEY, _key TEXT NOT NULL UNIQUE, ${cols.join(', ')}, _raw TEXT NOT NULL)`);
    const insert = db.prepare(`INSERT OR REPLACE INTO t (_key, ${cols.join(', ')}, _raw) VALUES (?, ${cols.map(() => '?').join(', ')}, ?)`);
    let rows = 0;
    const started = performance.now();
    db.exec('BEGIN');
    for (const body of bodies) {
      const page = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      for (const record of (page[key] ?? []) as unknown[]) {
        const values = dataset.columns.map((c) => toSqlValue(c, readPath(record, c.path)));
        insert.run(keyIndexes.map((k) => values[k]).join('|'), ...values, JSON.stringify(record));
        rows++;
      }
    }
    db.exec('COMMIT');
    return { rows, perSecond: rows / ((performance.now() - started) / 1000) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
