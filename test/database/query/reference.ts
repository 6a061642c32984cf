/**
 * A brute-force evaluation of a grid view in plain JavaScript over every row, written from the
 * documented semantics (contract-grid.ts) independently of the SQL builder.
 */
import { recordDataset, type RecordDataset } from '../../../src/shared/catalogue';
import type { CellValue, ColumnFilter, ViewState } from '../../../src/shared/contract-grid';
import type { Db } from '../../../src/main/store';

export type RefRow = Record<string, CellValue> & { _rowid: number; _key: string };

export function loadRows(db: Db, dataset: RecordDataset): RefRow[] {
  return db.prepare(`SELECT * FROM "${dataset.table}"`).all() as RefRow[];
}

const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const words = (s: string) => (lowerAscii(s.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function utcDay(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
}
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return utcDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n);
}

function preset(type: string, now: Date): [string, string] | null {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = utcDay(y, m, now.getUTCDate());
  const last = (n: number): [string, string] => [addDays(today, -(n - 1)), addDays(today, 1)];
  const table: Record<string, () => [string, string]> = {
    today: () => last(1),
    yesterday: () => [addDays(today, -1), today],
    last7Days: () => last(7),
    last30Days: () => last(30),
    last90Days: () => last(90),
    last365Days: () => last(365),
    thisMonth: () => [utcDay(y, m, 1), utcDay(y, m + 1, 1)],
    lastMonth: () => [utcDay(y, m - 1, 1), utcDay(y, m, 1)],
    thisQuarter: () => [utcDay(y, m - (m % 3), 1), utcDay(y, m - (m % 3) + 3, 1)],
    thisYear: () => [utcDay(y, 0, 1), utcDay(y + 1, 0, 1)],
    lastYear: () => [utcDay(y - 1, 0, 1), utcDay(y, 0, 1)],
  };
  return table[type]?.() ?? null;
}

export function matchesFilter(value: CellValue, f: ColumnFilter, now: Date): boolean {
  if ('conditions' in f) {
    const results = f.conditions.map((c) => matchesFilter(value, c as ColumnFilter, now));
    return f.operator === 'AND' ? results.every(Boolean) : results.some(Boolean);
  }
  const blank = value === null || value === '';
  switch (f.filterType) {
    case 'set': {
      const wanted = f.values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
      return value === null ? wanted.includes(null) : wanted.includes(value);
    }
    case 'text': {
      if (f.type === 'blank') return blank;
      if (f.type === 'notBlank') return !blank;
      if (value === null) return f.type === 'notEqual' || f.type === 'notContains';
      const v = lowerAscii(String(value));
      const q = lowerAscii(f.filter ?? '');
      const t = { contains: v.includes(q), notContains: !v.includes(q), equals: v === q, notEqual: v !== q, startsWith: v.startsWith(q), endsWith: v.endsWith(q) };
      return t[f.type];
    }
    case 'number': {
      if (f.type === 'blank') return value === null;
      if (f.type === 'notBlank') return value !== null;
      if (value === null) return false;
      const n = Number(value);
      const a = f.filter ?? 0;
      const b = f.filterTo ?? 0;
      const t = { equals: n === a, notEqual: n !== a, lessThan: n < a, lessThanOrEqual: n <= a, greaterThan: n > a, greaterThanOrEqual: n >= a, inRange: n >= Math.min(a, b) && n <= Math.max(a, b) };
      return t[f.type];
    }
    case 'date': {
      if (f.type === 'blank') return blank;
      if (f.type === 'notBlank') return !blank;
      if (value === null) return false;
      const d = String(value).slice(0, 10);
      const from = (f.dateFrom ?? '').slice(0, 10);
      const range = preset(f.type, now);
      if (range) return d >= range[0] && d < range[1];
      const to = (f.dateTo ?? '').slice(0, 10);
      switch (f.type) {
        case 'equals':
          return d === from;
        case 'notEqual':
          return d !== from;
        case 'lessThan':
          return d < from;
        case 'greaterThan':
          return d > from;
        case 'inRange':
          return d >= (from < to ? from : to) && d <= (from < to ? to : from);
      }
      return false;
    }
  }
}

export function flagsOf(dataset: RecordDataset, row: RefRow): number {
  let flags = 0;
  if (dataset.columns.some((c) => c.personal && row[c.name] === 'RTBF')) flags |= 1;
  if ('vendorAmount' in row && row.vendorAmount === 0) flags |= 2;
  if (typeof row.installedOnSandbox === 'string' && ['yes', 'true'].includes(row.installedOnSandbox.toLowerCase())) flags |= 4;
  if (row._changed_at !== null) flags |= 8;
  if (row._gone_since !== null) flags |= 16;
  return flags;
}

const wordCache = new WeakMap<RefRow, string[]>();
function documentWords(row: RefRow, searchable: readonly { name: string }[]): string[] {
  let cached = wordCache.get(row);
  if (!cached) {
    cached = searchable.flatMap((c) => (row[c.name] === null || row[c.name] === undefined ? [] : words(String(row[c.name]))));
    wordCache.set(row, cached);
  }
  return cached;
}

const flagBits = { rtbf: 1, zeroAmount: 2, sandbox: 4, changed: 8, gone: 16 } as const;

function compare(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = Buffer.from(String(a));
  const sb = Buffer.from(String(b));
  return Buffer.compare(sa, sb);
}

/** Keys of the matching rows in the view's order. */
export function evaluateView(datasetId: 'licences' | 'transactions', rows: readonly RefRow[], view: ViewState, now: Date, exceptColumn?: string): RefRow[] {
  const dataset = recordDataset(datasetId);
  const searchable = dataset.columns.filter((c) => c.searchable ?? c.type === 'text');
  const queryWords = (view.quickFilter.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((w) => words(w)[0] ?? w.toLowerCase());
  const matching = rows.filter((row) => {
    for (const [name, f] of Object.entries(view.filterModel)) if (name !== exceptColumn && !matchesFilter(row[name] ?? null, f, now)) return false;
    for (const [flag, wanted] of Object.entries(view.flags)) {
      if (wanted === undefined) continue;
      const has = (flagsOf(dataset, row) & flagBits[flag as keyof typeof flagBits]) !== 0;
      if (has !== wanted) return false;
    }
    if (queryWords.length > 0) {
      const docWords = documentWords(row, searchable);
      if (!queryWords.every((q) => docWords.some((w) => w.startsWith(q)))) return false;
    }
    return true;
  });
  const sort = view.sortModel.length > 0 ? view.sortModel : dataset.defaultSort.map((s) => ({ colId: s.column, sort: s.direction }));
  const lastDesc = sort.at(-1)?.sort === 'desc';
  return matching.sort((a, b) => {
    for (const s of sort) {
      const c = compare(a[s.colId] ?? null, b[s.colId] ?? null);
      if (c !== 0) return s.sort === 'desc' ? -c : c;
    }
    return lastDesc ? b._rowid - a._rowid : a._rowid - b._rowid;
  });
}
