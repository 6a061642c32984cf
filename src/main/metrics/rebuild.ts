/**
 * The full rebuild: one ordered pass over the transactions through their covering index (the
 * rows themselves are wide: they carry the raw record) and one over the licences, each in
 * chunks with what they found written between two chunks, so the heap holds a chunk's worth,
 * not a million licences' (the sync's worker has 256 MB). The cell sums spill to temporary
 * tables past `maxCells` (cell-spill.ts) and each is written as soon as its pass ends: at 1M
 * licences the rebuild's worker heap peaks at 80 MB instead of 175 (the process RSS 289 MB
 * instead of 412, under tsx) and it runs in 75 s instead of 80–160.
 */
import type { Db } from '../store';
import { appNameCells, CellSums, toMicros, licenceDeltaCells, replaceCells, revenueDayCells } from './cells';
import { createCellSpill, maxCellsInMemory } from './cell-spill';
import { MrrSums, entitlementStore, storedValues, summarizeEntitlement, type EntitlementSummary } from './entitlement';
import { createPaidDays } from './paid-days';
import { addLicenceDeltas, isNewEvaluation, licColumnsSql, type LicRow } from './licence-lines';
import { createCohortTable } from './cohort-table';
import { addAppName, addRevenue, isRefundLine, txColumnsSql, type TxRow } from './transaction-lines';
import { emptyNewRecords, type NewRecords } from './new-records';

export interface PassCounts {
  entitlements: number;
  transactions: number;
  /** Rows in each table, gone ones included (what the data set status shows). */
  rows: { transactions: number; licences: number };
  newRecords: NewRecords;
}

/** Lines per chunk of the transaction pass, and cells an accumulator holds before it spills (tests make both tiny). */
export interface RebuildLimits {
  chunkLines: number;
  maxCells: number;
}

export function rebuildMetrics(db: Db, asOfDay: number, since: string | null, limits: RebuildLimits = { chunkLines, maxCells: maxCellsInMemory }): PassCounts {
  const chunk = limits.chunkLines;
  for (const table of ['metric_mrr_month', 'metric_revenue_day', 'metric_licence_delta', 'metric_conversion_day', 'metric_app_name', 'metric_entitlement'])
    db.exec(`DELETE FROM ${table}`);
  const counts: PassCounts = { entitlements: 0, transactions: 0, rows: { transactions: 0, licences: 0 }, newRecords: emptyNewRecords() };
  const revenue = new CellSums(revenueDayCells);
  const mrr = new MrrSums();
  const names = new CellSums(appNameCells);
  const revenueSpill = createCellSpill(db, revenue, limits.maxCells);
  const namesSpill = createCellSpill(db, names, limits.maxCells);
  const paid = createPaidDays(db);
  const store = entitlementStore(db);
  const pending: ReturnType<typeof storedValues>[] = [];
  const pendingPaid: EntitlementSummary[] = [];

  const addGroup = (ent: string, byApp: Map<string, TxRow[]>) => {
    for (const [addon, lines] of byApp) {
      counts.entitlements++;
      const e = summarizeEntitlement(ent, addon, lines);
      if (!e) continue;
      mrr.add(e, asOfDay, 1);
      if (e.paid.length > 0) pendingPaid.push(e);
      pending.push(storedValues(e, asOfDay));
    }
  };
  // A chunk's entitlements are written between two reads (a connection cannot write while it
  // reads): holding every entitlement of a million-licence space until the end of the pass took
  // the sync's worker past its 256 MB heap.
  const writePending = () => {
    store.saveAll(pending);
    paid.addAll(pendingPaid);
    pending.length = 0;
    pendingPaid.length = 0;
    revenueSpill.spillIfFull();
    namesSpill.spillIfFull();
  };
  const addLine = (row: TxRow) => {
    counts.rows.transactions++;
    if (row._gone_since !== null) return false;
    counts.transactions++;
    addRevenue(revenue, row, 1);
    addAppName(names, row, 1);
    if (since !== null && row._first_seen >= since) countNewLine(counts.newRecords, row, 1);
    return true;
  };
  for (const row of db.prepare(`SELECT ${txColumnsSql} FROM transactions INDEXED BY metric_transactions_cover WHERE appEntitlementId IS NULL AND appEntitlementNumber IS NULL`).iterate() as IterableIterator<TxRow>) addLine(row);
  readEntitlementChunks(db, chunk, addLine, addGroup, writePending);
  writePending();
  paid.index();
  // Every line is counted: the revenue cells are written now, not held through the licence pass.
  revenueSpill.replace();

  const deltas = new CellSums(licenceDeltaCells);
  const deltasSpill = createCellSpill(db, deltas, limits.maxCells);
  const cohorts = createCohortTable(db);
  readLicenceChunks(db, chunk, (r) => {
    counts.rows.licences++;
    if (r._gone_since !== null) return;
    addLicenceDeltas(deltas, r, 1);
    addAppName(names, r, 1);
    if (since !== null && r._first_seen >= since && isNewEvaluation(r)) counts.newRecords.newEvaluations++;
    cohorts.add(r);
  }, () => {
    cohorts.flush();
    deltasSpill.spillIfFull();
    namesSpill.spillIfFull();
  });
  deltasSpill.replace();
  namesSpill.replace();
  const cohortCells = cohorts.finish();
  paid.drop();
  for (const cells of [mrr.toCells(), cohortCells]) replaceCells(db, cells);
  return counts;
}

/**
 * Every licence, in chunks of `chunk` rows by rowid with `betweenChunks` run while no read is
 * open (order-free: the licence pass sums, and its cohort facts go to a table between chunks).
 */
function readLicenceChunks(db: Db, chunk: number, each: (r: LicRow) => void, betweenChunks: () => void): void {
  const next = db.prepare(`SELECT ${licColumnsSql} FROM licences WHERE _rowid > ? ORDER BY _rowid LIMIT ?`);
  let after = Number.MIN_SAFE_INTEGER;
  for (let read = chunk; read === chunk; ) {
    read = 0;
    for (const r of next.iterate(after, chunk) as IterableIterator<LicRow>) {
      read++;
      after = r._rowid;
      each(r);
    }
    betweenChunks();
  }
}

/**
 * Lines with an entitlement read per chunk, in entitlement order (see readEntitlementChunks). A
 * chunk's rows are held as objects until it ends: at 1M licences 50,000-line chunks peaked the
 * worker heap at 80 MB, 20,000 at 67, 10,000 at 57 (the RSS 289 / 286 / 276 MB, under tsx).
 */
const chunkLines = 10_000;

/**
 * The lines with an entitlement, grouped by entitlement (`addGroup`: its lines by app), read in
 * chunks of about `chunk` lines that end on an entitlement boundary, with `betweenChunks` run
 * while no read is open. The covering index keeps an entitlement's lines together: first the
 * lines with a number and no id (grouped by number), then those with an id; each chunk resumes
 * after the last entitlement of the one before.
 */
function readEntitlementChunks(db: Db, chunk: number, addLine: (row: TxRow) => boolean, addGroup: (ent: string, byApp: Map<string, TxRow[]>) => void, betweenChunks: () => void): void {
  const select = `SELECT ${txColumnsSql} FROM transactions INDEXED BY metric_transactions_cover`;
  const phases = [
    { tag: 'n', column: 'appEntitlementNumber', where: 'appEntitlementId IS NULL AND appEntitlementNumber', order: 'appEntitlementNumber, addonKey' },
    { tag: 'i', column: 'appEntitlementId', where: 'appEntitlementId', order: 'appEntitlementId, appEntitlementNumber, addonKey' },
  ] as const;
  for (const phase of phases) {
    // '' is the least text: the first chunk starts at it, the next ones after the last entitlement read.
    const first = db.prepare(`${select} WHERE ${phase.where} >= '' ORDER BY ${phase.order}`);
    const next = db.prepare(`${select} WHERE ${phase.where} > ? ORDER BY ${phase.order}`);
    let after: string | null = null;
    do {
      let key: string | null = null;
      let byApp = new Map<string, TxRow[]>();
      let read = 0;
      const rows = (after === null ? first.iterate() : next.iterate(after)) as IterableIterator<TxRow>;
      after = null;
      for (const row of rows) {
        const k = row[phase.column]!;
        if (k !== key) {
          if (key !== null) {
            addGroup(`${phase.tag}:${key}`, byApp);
            // Stops before this entitlement's first line; the next chunk starts with it.
            if (read >= chunk) {
              after = key;
              key = null;
              break;
            }
          }
          byApp = new Map();
          key = k;
        }
        read++;
        if (!addLine(row)) continue;
        const addon = row.addonKey ?? '';
        const lines = byApp.get(addon);
        if (lines) lines.push(row);
        else byApp.set(addon, [row]);
      }
      if (key !== null) addGroup(`${phase.tag}:${key}`, byApp);
      betweenChunks();
    } while (after !== null);
  }
}

/** A line first seen in the last sync run, in its sales or refunds (sign −1 takes an earlier count out). */
export function countNewLine(out: NewRecords, row: TxRow, sign: 1 | -1): void {
  const bucket = isRefundLine(row) ? out.refunds : out.newSales;
  bucket.count += sign;
  bucket.micros += sign * toMicros(row.vendorAmount ?? 0);
}
