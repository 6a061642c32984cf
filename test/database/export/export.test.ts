import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { viewStateSchema, type CellValue, type ViewState } from '../../../src/shared/contract-grid';
import { exportView } from '../../../src/main/export/export-view';
import { createExportJobs } from '../../../src/main/export/export-jobs';
import { queryGrid } from '../../../src/main/query/grid-query';
import { openDatabase, type Db } from '../../../src/main/store';
import { createSeededSpace, type SeededSpace } from '../query/fixtures';

const now = new Date('2026-03-15T12:00:00Z');
let space: SeededSpace;
let reader: Db;
beforeAll(() => {
  space = createSeededSpace({ licences: 100, transactions: 2500, seed: 21 });
  queryGrid({ db: space.db, now }, { dataset: 'transactions', startRow: 0, endRow: 1, ...viewStateSchema.parse({}) });
  reader = openDatabase(space.path, { readonly: true, role: 'reader' });
});
afterAll(() => {
  reader.close();
  space.close();
});

const view: ViewState = viewStateSchema.parse({
  filterModel: { saleType: { filterType: 'set', values: ['New', 'Renewal', 'Refund'] }, company: { filterType: 'text', type: 'notContains', filter: 'globex' } },
  sortModel: [{ colId: 'vendorAmount', sort: 'desc' }, { colId: 'company', sort: 'asc' }],
  columns: ['saleDate', 'company', 'vendorAmount', 'saleType', 'technicalContactEmail'],
});

/** The rows the grid shows for the view, block by block, without key and flags. */
function gridRows(v: ViewState): CellValue[][] {
  const out: CellValue[][] = [];
  for (let start = 0; ; start += 1000) {
    const block = queryGrid({ db: space.db, now }, { dataset: 'transactions', startRow: start, endRow: start + 1000, ...v });
    out.push(...block.rows.map((r) => r.slice(2)));
    if (out.length >= block.rowCount) return out;
  }
}

const labels = view.columns.map((c) => recordDataset('transactions').columns.find((d) => d.name === c)!.label);

async function readXlsx(path: string): Promise<{ name: string; rows: CellValue[][] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as CellValue[]).slice(1);
      rows.push(Array.from({ length: labels.length }, (_, i) => values[i] ?? null));
    });
    return { name: ws.name, rows };
  });
}

describe('export writes exactly the current view', () => {
  const expected = () => gridRows(view);

  it('CSV parsed back equals the grid rows, header = labels in order', async () => {
    const path = join(space.dir, 'out.csv');
    const progress: number[] = [];
    const result = await exportView({ db: reader, dataset: 'transactions', view, format: 'csv', path, now, chunkSize: 100, progressIntervalMs: 0, onProgress: (p) => progress.push(p.done) });
    const rows = expected();
    expect(rows.length).toBeGreaterThan(500);
    expect(result.rows).toBe(rows.length);
    const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(labels);
    expect(parsed.data.slice(1)).toEqual(rows.map((r) => r.map((v) => (v === null ? '' : String(v)))));
    expect(progress.at(-1)).toBe(rows.length);
    expect(progress.length).toBeGreaterThan(3);
  });

  it('JSON parsed back equals the grid rows, keyed by field name', async () => {
    const path = join(space.dir, 'out.json');
    await exportView({ db: reader, dataset: 'transactions', view, format: 'json', path, now });
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, CellValue>[];
    expect(parsed.map((o) => view.columns.map((c) => o[c]))).toEqual(expected());
    expect(Object.keys(parsed[0]!)).toEqual(view.columns);
  });

  it('XLSX read back equals the grid rows, and splits sheets past the row limit', async () => {
    const path = join(space.dir, 'out.xlsx');
    await exportView({ db: reader, dataset: 'transactions', view, format: 'xlsx', path, now, maxRowsPerSheet: 301 });
    const sheets = await readXlsx(path);
    const rows = expected();
    expect(sheets.length).toBe(Math.ceil(rows.length / 300));
    expect(sheets[1]!.name).toBe('Export 2');
    for (const s of sheets) expect(s.rows[0]).toEqual(labels);
    expect(sheets.flatMap((s) => s.rows.slice(1))).toEqual(rows);
  });

  it('an empty view still writes a header (CSV) and an empty array (JSON)', async () => {
    const none = viewStateSchema.parse({ ...view, quickFilter: 'nothingmatchesthis' });
    await exportView({ db: reader, dataset: 'transactions', view: none, format: 'csv', path: join(space.dir, 'empty.csv'), now });
    await exportView({ db: reader, dataset: 'transactions', view: none, format: 'json', path: join(space.dir, 'empty.json'), now });
    expect(readFileSync(join(space.dir, 'empty.csv'), 'utf8').trim().replace(/^\uFEFF/, '')).toBe(labels.join(','));
    expect(JSON.parse(readFileSync(join(space.dir, 'empty.json'), 'utf8'))).toEqual([]);
  });
});

describe('cancel and failure leave no file', () => {
  it.each(['csv', 'xlsx', 'json'] as const)('%s: cancelled mid-way', async (format) => {
    const path = join(space.dir, `cancel.${format}`);
    const controller = new AbortController();
    await expect(
      exportView({ db: reader, dataset: 'transactions', view, format, path, now, chunkSize: 50, signal: controller.signal, progressIntervalMs: 0, onProgress: (p) => (p.done >= 200 ? controller.abort() : undefined) }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(space.dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a bad view or target fails before writing anything', async () => {
    await expect(exportView({ db: reader, dataset: 'transactions', view: viewStateSchema.parse({ columns: ['nope'] }), format: 'csv', path: join(space.dir, 'bad.csv'), now })).rejects.toMatchObject({ code: 'validation' });
    await expect(exportView({ db: reader, dataset: 'transactions', view, format: 'csv', path: 'relative.csv', now })).rejects.toMatchObject({ code: 'validation' });
    await expect(exportView({ db: reader, dataset: 'transactions', view, format: 'csv', path: join(space.dir, 'missing', 'x.csv'), now })).rejects.toMatchObject({ code: 'validation' });
    expect(existsSync(join(space.dir, 'bad.csv'))).toBe(false);
  });
});

describe('export jobs (export.start / export.cancel)', () => {
  it('reports progress events ending in done, and a cancelled job leaves no file', async () => {
    const events: { exportId: string; phase: string; done: number; total: number }[] = [];
    const jobs = createExportJobs({ db: () => space.db, now: () => now, emit: (_e, payload) => events.push(payload as (typeof events)[number]) });
    const path = join(space.dir, 'job.csv');
    const started = jobs.start({ dataset: 'transactions', view, format: 'csv', path });
    expect(started.rowCount).toBe(gridRows(view).length);
    await jobs.idle();
    const mine = events.filter((e) => e.exportId === started.exportId);
    expect(mine.at(-1)).toMatchObject({ phase: 'done', done: started.rowCount, total: started.rowCount });
    expect(existsSync(path)).toBe(true);

    const cancelPath = join(space.dir, 'job-cancel.xlsx');
    const second = jobs.start({ dataset: 'transactions', view, format: 'xlsx', path: cancelPath });
    expect(jobs.cancel(second.exportId)).toEqual({ cancelled: true });
    await jobs.idle();
    expect(events.filter((e) => e.exportId === second.exportId).at(-1)?.phase).toBe('cancelled');
    expect(existsSync(cancelPath)).toBe(false);
    expect(jobs.cancel(second.exportId)).toEqual({ cancelled: false });
    expect(() => jobs.start({ dataset: 'transactions', view: viewStateSchema.parse({ columns: ['x; DROP'] }), format: 'csv', path })).toThrow(/Unknown column/);
  });
});
