import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import Papa from 'papaparse';
import { main } from '../../src/cli/main';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewStateSchema } from '../../src/shared/contract-grid';
import { queryGrid } from '../../src/main/query/grid-query';
import { saveView } from '../../src/main/query/saved-views';
import { spaceDbPath } from '../../src/main/store';
import { createRandom, generateLicence, seedRecords } from '../database/query/fixtures';
import { openSpaceDatabase } from '../../src/main/space-database';

const bin = join(import.meta.dirname, '../../bin/mpdesk.js');
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'export', ...args, '--data-dir', join(dir, 'data')], { encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-cli-export-'));
  const db = openSpaceDatabase(spaceDbPath(join(dir, 'data'), 'demo'));
  const r = createRandom(8);
  seedRecords(db, 'licences', 400, (i) => generateLicence(r, i));
  saveView(db, { dataset: 'licences', name: 'Active cloud', state: viewStateSchema.parse({ filterModel: { status: { filterType: 'set', values: ['active'] }, hosting: { filterType: 'set', values: ['Cloud'] } }, columns: ['appEntitlementNumber', 'company', 'status', 'hosting'], sortModel: [{ colId: 'company', sort: 'asc' }] }), overwrite: false }, new Date());
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectedRows(view: object): string[][] {
  const db = openSpaceDatabase(spaceDbPath(join(dir, 'data'), 'demo'));
  try {
    const got = queryGrid({ db, now: new Date() }, { dataset: 'licences', startRow: 0, endRow: 1000, ...viewStateSchema.parse(view) });
    return got.rows.map((row) => row.slice(2).map((v) => (v === null ? '' : String(v))));
  } finally {
    db.close();
  }
}

async function runInProcess(...args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (append(String(chunk)), done()) });
  const status = await main(['export', ...args, '--data-dir', join(dir, 'data')], {
    stdout: sink(() => undefined),
    stderr: sink((s) => (stderr += s)),
    stdin: Readable.from([]),
    env: {},
    version: 'test',
    exitCode: 0,
  });
  return { status, stderr };
}

const csvRows = (path: string) => Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);

describe('mpdesk export', () => {
  it('writes the filtered, sorted rows and the chosen columns', () => {
    const out = join(dir, 'l.csv');
    const filter = { country: { filterType: 'set', values: ['Germany', 'France'] }, company: { filterType: 'text', type: 'notBlank' } };
    const result = run('licences', '--format', 'csv', '--out', out, '--filter', JSON.stringify(filter), '--sort', 'company:asc,maintenanceStartDate:desc', '--columns', 'company,country,maintenanceStartDate', '--quick', 'acme');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const expected = expectedRows({ filterModel: filter, sortModel: [{ colId: 'company', sort: 'asc' }, { colId: 'maintenanceStartDate', sort: 'desc' }], columns: ['company', 'country', 'maintenanceStartDate'], quickFilter: 'acme' });
    expect(expected.length).toBeGreaterThan(5);
    expect(csvRows(out)).toEqual(expected);
    expect(result.stdout).toContain(`Exported ${expected.length} rows`);
  });

  it('--view loads a saved view; JSON output', () => {
    const out = join(dir, 'v.json');
    const result = run('licences', '--format', 'json', '--out', out, '--view', 'Active cloud');
    expect(result.status).toBe(0);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>[];
    expect(parsed.length).toBeGreaterThan(10);
    for (const row of parsed) expect([row.status, row.hosting]).toEqual(['active', 'Cloud']);
    expect(Object.keys(parsed[0]!)).toEqual(['appEntitlementNumber', 'company', 'status', 'hosting']);
  });

  it('bad flags exit 2 and write nothing; a missing view exits 1', async () => {
    const out = join(dir, 'bad.csv');
    const cases: [string[], RegExp][] = [
      [['licences', '--format', 'pdf', '--out', out], /--format/],
      [['licences', '--out', out, '--filter', '{not json'], /--filter: not valid JSON/],
      [['licences', '--out', out, '--filter', '{"company":{"filterType":"text","type":"like","filter":"x"}}'], /--filter/],
      [['licences', '--out', out, '--columns', 'company,"x; DROP TABLE licences"'], /--columns/],
      [['licences', '--out', out, '--columns', 'company,nosuch'], /Unknown column "nosuch"/],
      [['licences', '--out', out, '--sort', 'company:sideways'], /--sort/],
      [['licences', '--format', 'csv'], /--out/],
      [['no-such-dataset', '--out', out], /unknown data set/],
      [['licences', '--out', join(dir, 'missing', 'x.csv')], /does not exist/],
    ];
    // In-process (the same `main` bin/mpdesk.js runs) to keep this file fast.
    for (const [args, message] of cases) {
      const result = await runInProcess(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const missing = await runInProcess('licences', '--out', out, '--view', 'Nope');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No saved view named "Nope"/);
    expect(existsSync(out)).toBe(false);
  });
});
