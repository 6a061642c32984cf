/**
 * Cells of the pre-aggregated tables, summed in integers so a cell updated by an incremental
 * refresh (old contributions out, new ones in) holds exactly what a full rebuild writes: money is
 * summed in millionths of a dollar (the MRR rules already settle values to 1e-6), counts as they
 * are. Float sums would depend on the order of the additions.
 */
import type { Db } from '../store';

export interface CellTable {
  readonly table: string;
  readonly keys: readonly string[];
  /** Value columns; `money` ones are stored as REAL dollars and summed as integer micros. */
  readonly values: readonly { readonly name: string; readonly money?: boolean }[];
}

const money = true;

export const mrrCells: CellTable = {
  table: 'metric_mrr_month',
  keys: ['month', 'addon_key', 'hosting'],
  values: [
    { name: 'mrr', money },
    { name: 'paying' },
    { name: 'new', money },
    { name: 'expansion', money },
    { name: 'contraction', money },
    { name: 'churn', money },
    { name: 'refunds', money },
    { name: 'new_count' },
    { name: 'churn_count' },
  ],
};

export const revenueDayCells: CellTable = {
  table: 'metric_revenue_day',
  keys: ['day', 'addon_key', 'hosting', 'sale_type'],
  values: [{ name: 'lines' }, { name: 'zero_lines' }, { name: 'vendor_amount', money }, { name: 'purchase_price', money }],
};

export const licenceDeltaCells: CellTable = { table: 'metric_licence_delta', keys: ['day', 'addon_key', 'hosting', 'edition', 'kind'], values: [{ name: 'delta' }] };

export const licenceMonthCells: CellTable = { table: 'metric_licence_month', keys: ['month', 'addon_key', 'hosting', 'edition', 'kind'], values: [{ name: 'active' }] };

export const conversionCells: CellTable = {
  table: 'metric_conversion_day',
  keys: ['day', 'addon_key', 'hosting'],
  values: [{ name: 'evaluations' }, { name: 'converted' }, { name: 'days_to_convert' }],
};

/** Rows behind metric_apps: how many live records carry each (app, name). */
export const appNameCells: CellTable = { table: 'metric_app_name', keys: ['addon_key', 'name'], values: [{ name: 'records' }] };

export const toMicros = (dollars: number): number => Math.round(dollars * 1e6);

/** Integer sums per cell key (key parts joined by NUL). */
export class CellSums {
  readonly sums = new Map<string, number[]>();
  constructor(readonly spec: CellTable) {}

  add(key: string, values: readonly number[], sign = 1): void {
    let cell = this.sums.get(key);
    if (!cell) this.sums.set(key, (cell = new Array<number>(values.length).fill(0)));
    for (let i = 0; i < values.length; i++) cell[i] = cell[i]! + sign * values[i]!;
  }
}

export const cellKey = (...parts: readonly string[]): string => parts.join('\u0000');

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const isEmpty = (values: readonly number[]) => values.every((v) => v === 0);

function toStored(spec: CellTable, values: readonly number[]): number[] {
  return values.map((v, i) => (spec.values[i]!.money ? v / 1e6 : v));
}

function fromStored(spec: CellTable, row: readonly number[]): number[] {
  return row.map((v, i) => (spec.values[i]!.money ? toMicros(v) : v));
}

function statements(db: Db, spec: CellTable) {
  const all = [...spec.keys, ...spec.values.map((v) => v.name)];
  const where = spec.keys.map((k) => `"${k}" = ?`).join(' AND ');
  return {
    read: db.prepare(`SELECT ${quoted(spec.values.map((v) => v.name))} FROM ${spec.table} WHERE ${where}`).raw(true),
    upsert: db.prepare(`INSERT OR REPLACE INTO ${spec.table} (${quoted(all)}) VALUES (${all.map(() => '?').join(', ')})`),
    remove: db.prepare(`DELETE FROM ${spec.table} WHERE ${where}`),
  };
}

/** Full rebuild: the table holds exactly the non-empty cells. */
export function replaceCells(db: Db, sums: CellSums): void {
  const { spec } = sums;
  db.exec(`DELETE FROM ${spec.table}`);
  const { upsert } = statements(db, spec);
  // In key order: the B-tree grows by appends instead of random inserts (NUL-joined keys sort as their parts do).
  for (const key of [...sums.sums.keys()].sort()) {
    const values = sums.sums.get(key)!;
    if (!isEmpty(values)) upsert.run(...key.split('\u0000'), ...toStored(spec, values));
  }
}

/** Incremental: adds each cell's change to the stored cell; a cell summing to nothing goes. */
export function addToCells(db: Db, deltas: CellSums): number {
  const { spec } = deltas;
  const { read, upsert, remove } = statements(db, spec);
  let touched = 0;
  for (const [key, change] of deltas.sums) {
    if (isEmpty(change)) continue;
    const parts = key.split('\u0000');
    const stored = read.get(...parts) as number[] | undefined;
    const next = stored ? fromStored(spec, stored).map((v, i) => v + change[i]!) : change;
    if (isEmpty(next)) remove.run(...parts);
    else upsert.run(...parts, ...toStored(spec, next));
    touched++;
  }
  return touched;
}

/** Makes the table equal to `sums`, writing only the cells that differ (for tables recomputed whole). */
export function writeDifferences(db: Db, sums: CellSums, scope?: { where: string; params: readonly string[] }): number {
  const { spec } = sums;
  const { upsert, remove } = statements(db, spec);
  const rows = db
    .prepare(`SELECT ${quoted([...spec.keys, ...spec.values.map((v) => v.name)])} FROM ${spec.table}${scope ? ` WHERE ${scope.where}` : ''}`)
    .raw(true)
    .all(...(scope?.params ?? [])) as (string | number)[][];
  let written = 0;
  const seen = new Set<string>();
  for (const row of rows) {
    const key = cellKey(...(row.slice(0, spec.keys.length) as string[]));
    seen.add(key);
    const want = sums.sums.get(key);
    if (want === undefined || isEmpty(want)) {
      remove.run(...key.split('\u0000'));
      written++;
    } else if (fromStored(spec, row.slice(spec.keys.length) as number[]).some((v, i) => v !== want[i])) {
      upsert.run(...key.split('\u0000'), ...toStored(spec, want));
      written++;
    }
  }
  for (const [key, values] of sums.sums) {
    if (seen.has(key) || isEmpty(values)) continue;
    upsert.run(...key.split('\u0000'), ...toStored(spec, values));
    written++;
  }
  return written;
}
