/** The list data sets: which rows a query selects (filtered, sorted) and how a row is rendered. */
import { dayFromIso } from '../data/dates';
import { LicenceKind } from '../data/plan';
import type { World } from '../data/world';
import type { ListQuery } from '../http/query';
import { renderText, type ByteWriter } from './byte-writer';
import { companyOfCustomer, contactOf } from './customer';
import { rowsInDays } from './day-index';
import {
  buildAttribution,
  buildFreeStarter,
  feedbackReasonOf,
  feedbackTypeOf,
  hasAttribution,
  hasFeedback,
  isAnonymousFeedback,
  isChurnedLicence,
  isConversionTx,
  isRenewalTx,
} from './derived';
import { writeChurn, writeConversionOrRenewal, writeFeedback } from './derived-bytes';
import { dateRange, has, inRange, licenceFilters, textMatcher, tierSet, vocab, vocabSet } from './filters';
import { entitlementIdOf, entitlementNumberOf, writeLicence, type JsonRecord } from './licence';
import { amountsOf, invoiceOf, paymentStatusIndex, transactionIdOf, writeTransaction } from './transaction';

export type SourceId = 'licences' | 'transactions' | 'churn' | 'conversion' | 'renewal' | 'feedback' | 'attribution' | 'freeStarter';

export interface ListSource {
  /** Row ids matching the query, in the list's stable order. */
  select(world: World, q: ListQuery): Uint32Array;
  /** Writes the record's JSON into `w`; the caller reserved room (`ByteWriter.reserve`). */
  write(w: ByteWriter, world: World, row: number, q: ListQuery): void;
  /** The record's JSON text (what `write` writes). */
  render(world: World, row: number, q: ListQuery): string;
  /** The record as an object: its text parsed (one definition of each record). */
  build(world: World, row: number, q: ListQuery): JsonRecord;
}

/** A source whose records are written as bytes (byte-writer.ts). */
function written(source: Pick<ListSource, 'select' | 'write'>): ListSource {
  const render = (world: World, row: number, q: ListQuery) => renderText((w) => source.write(w, world, row, q));
  return { ...source, render, build: (world, row, q) => JSON.parse(render(world, row, q)) as JsonRecord };
}

/** A source whose records are built as objects and serialised by JSON.stringify (the rarely pulled ones). */
function stringified(source: Pick<ListSource, 'select' | 'build'>): ListSource {
  const render = (world: World, row: number, q: ListQuery) => JSON.stringify(source.build(world, row, q));
  return { ...source, render, write: (w, world, row, q) => w.utf8(render(world, row, q)) };
}

/**
 * Rows a date window (or failing that a `lastUpdated` cut-off) can select, from an index on that
 * day column (day-index.ts); null: every row is a candidate. The filters still test every
 * candidate, so this only narrows the scan.
 */
function candidates(world: World, q: ListQuery, count: number, table: string, windowColumn: string, windowDays: Int32Array, updatedDays: Int32Array): Uint32Array | null {
  const range = dateRange(q);
  if (range) return rowsInDays(world, `${table}.${windowColumn}`, windowDays, count, range.from, range.to);
  if (q.lastUpdated) return rowsInDays(world, `${table}.lastUpdated`, updatedDays, count, dayFromIso(q.lastUpdated), 2 ** 30);
  return null;
}

/** The rows of `candidates` (or of 0..count-1) that `keep` accepts, in row order. */
function collect(count: number, rows: Uint32Array | null, keep: (row: number) => boolean): Uint32Array {
  const out = new Uint32Array(rows ? rows.length : count);
  let n = 0;
  if (rows) {
    for (let k = 0; k < rows.length; k++) if (keep(rows[k]!)) out[n++] = rows[k]!;
  } else {
    for (let r = 0; r < count; r++) if (keep(r)) out[n++] = r;
  }
  return out.slice(0, n);
}

/** Stable sort of row ids by a numeric key; ties keep row order. */
function sortRows(rows: Uint32Array, key: (row: number) => number, desc: boolean): Uint32Array {
  const ids = Array.from(rows);
  const keys = new Float64Array(ids.length);
  ids.forEach((r, k) => (keys[k] = key(r)));
  const order = ids.map((_, k) => k);
  order.sort((a, b) => (desc ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b);
  return Uint32Array.from(order, (k) => ids[k]!);
}

function licenceText(world: World, i: number): string[] {
  const L = world.licences;
  const app = world.apps[L.app[i]!]!;
  const c = L.customer[i]!;
  return [entitlementNumberOf(world, i), entitlementIdOf(world, i), companyOfCustomer(world.seed, c, L.rev[i]!), app.name, app.addonKey, contactOf(world.seed, c, 0, false).email];
}

const licences = written({
  select(world, q) {
    const L = world.licences;
    const base = licenceFilters(world, q);
    const statuses = vocabSet(q.status, vocab.licenseStatuses);
    const types = vocabSet(q.licenseType, vocab.licenseTypes);
    const tiers = tierSet(q.tier);
    const range = dateRange(q);
    const since = q.lastUpdated ? dayFromIso(q.lastUpdated) : null;
    const text = textMatcher(q.text);
    const dateColumn = q.dateType === 'end' ? 'maintEnd' : 'maintStart';
    const scan = candidates(world, q, L.length, 'licences', dateColumn, L[dateColumn], L.lastUpdated);
    // Cheapest and (for the sync's incremental pulls) most selective tests first.
    const rows = collect(L.length, scan, (i) => {
      if (since !== null && L.lastUpdated[i]! < since) return false;
      if (!inRange(range, q.dateType === 'end' ? L.maintEnd[i]! : L.maintStart[i]!)) return false;
      if (!base(i) || !has(statuses, L.status[i]!) || !has(types, L.licenseType[i]!) || !has(tiers, L.tier[i]!)) return false;
      return !text || text(licenceText(world, i));
    });
    // LIVE-API-NOTES: `order` is ignored on licences; `sortBy` is honoured, always ascending.
    const by = q.sortBy?.toLowerCase();
    if (by === 'lastupdated') return sortRows(rows, (i) => L.lastUpdated[i]!, false);
    if (by === 'startdate' || by === 'maintenancestartdate') return sortRows(rows, (i) => L.maintStart[i]!, false);
    if (by === 'enddate' || by === 'maintenanceenddate') return sortRows(rows, (i) => L.maintEnd[i]!, false);
    return rows;
  },
  write: (w, world, i, q) => writeLicence(w, world, i, { withDataInsights: q.withDataInsights ?? false }),
});

const transactions = written({
  select(world, q) {
    const T = world.transactions;
    const base = licenceFilters(world, q);
    const tiers = tierSet(q.tier);
    const sales = vocabSet(q.saleType, vocab.saleTypes);
    const periods = vocabSet(q.billingPeriod, vocab.billingPeriods);
    const payments = vocabSet(q.paymentStatus, vocab.paymentStatuses);
    const range = dateRange(q);
    const since = q.lastUpdated ? dayFromIso(q.lastUpdated) : null;
    const text = textMatcher(q.text);
    const scan = candidates(world, q, T.length, 'transactions', 'saleDay', T.saleDay, T.lastUpdated);
    const rows = collect(T.length, scan, (t) => {
      if (since !== null && T.lastUpdated[t]! < since) return false;
      if (!inRange(range, T.saleDay[t]!)) return false;
      const i = T.licence[t]!;
      if (!base(i) || !has(tiers, T.tier[t]!) || !has(sales, T.saleType[t]!) || !has(periods, T.billing[t]!)) return false;
      if (payments && !payments.has(paymentStatusIndex(world, t))) return false;
      if (q.excludeZeroTransactions && amountsOf(world, t).purchasePrice === 0) return false;
      return !text || text([transactionIdOf(world, t), ...licenceText(world, i)]);
    });
    const by = q.sortBy?.toLowerCase();
    const desc = q.order === 'desc';
    if (by === 'lastupdated') return sortRows(rows, (t) => T.lastUpdated[t]!, desc);
    if (by === 'vendoramount') return sortRows(rows, (t) => amountsOf(world, t).vendorAmount, desc);
    if (by === 'saledate' || by === 'date' || desc) return sortRows(rows, (t) => T.saleDay[t]!, desc);
    return rows;
  },
  write: (w, world, t) => writeTransaction(w, world, t),
});


function txEvents(isEvent: (world: World, t: number) => boolean): ListSource {
  return written({
    select(world, q) {
      const T = world.transactions;
      const base = licenceFilters(world, q);
      const range = dateRange(q);
      const since = q.lastUpdated ? dayFromIso(q.lastUpdated) : null;
      const text = textMatcher(q.text);
      const scan = candidates(world, q, T.length, 'transactions', 'saleDay', T.saleDay, T.lastUpdated);
      const rows = collect(T.length, scan, (t) => {
        if (since !== null && T.lastUpdated[t]! < since) return false;
        if (!isEvent(world, t) || !base(T.licence[t]!) || !inRange(range, T.saleDay[t]!)) return false;
        return !text || text([transactionIdOf(world, t), ...licenceText(world, T.licence[t]!)]);
      });
      return sortEvents(rows, q, (t) => T.saleDay[t]!, (t) => T.lastUpdated[t]!);
    },
    write: (w, world, t) => writeConversionOrRenewal(w, world, t),
  });
}

function sortEvents(rows: Uint32Array, q: ListQuery, eventDay: (r: number) => number, updated: (r: number) => number): Uint32Array {
  const by = q.sortBy?.toLowerCase();
  const desc = q.order === 'desc';
  if (by === 'lastupdated') return sortRows(rows, updated, desc);
  if (by === 'eventdate' || by === 'date' || desc) return sortRows(rows, eventDay, desc);
  return rows;
}

interface LicenceRowOptions {
  /** More filters (feedback's type, reason, edition, anonymous). */
  extra?: (world: World, q: ListQuery) => (i: number) => boolean;
  /** More strings `text` searches (a churn event's invoice). */
  moreText?: (world: World, i: number) => string[];
}

/**
 * A data set with at most one record per licence, dated by a licence day column; `make` adds the
 * record's writer or builder to the selection.
 */
function licenceRows(
  keep: (world: World, i: number) => boolean,
  dateColumn: 'endDay' | 'startDay',
  make: (select: ListSource['select']) => ListSource,
  options: LicenceRowOptions = {},
): ListSource {
  return make((world, q) => {
    const L = world.licences;
    const days = L[dateColumn];
    const base = licenceFilters(world, q);
    const more = options.extra?.(world, q);
    const range = dateRange(q);
    const since = q.lastUpdated ? dayFromIso(q.lastUpdated) : null;
    const text = textMatcher(q.text);
    const scan = candidates(world, q, L.length, 'licences', dateColumn, days, L.lastUpdated);
    const rows = collect(L.length, scan, (i) => {
      if (since !== null && L.lastUpdated[i]! < since) return false;
      if (!keep(world, i) || !base(i) || !inRange(range, days[i]!)) return false;
      if (more && !more(i)) return false;
      return !text || text(options.moreText ? [...licenceText(world, i), ...options.moreText(world, i)] : licenceText(world, i));
    });
    return sortEvents(rows, q, (i) => days[i]!, (i) => L.lastUpdated[i]!);
  });
}

const feedbackExtra = (world: World, q: ListQuery) => {
  const types = vocabSet(q.type, vocab.feedbackTypes);
  const reasons = vocabSet(q.reason, vocab.feedbackReasonKeys);
  const editions = vocabSet(q.appEdition, ['standard', 'advanced']);
  return (i: number) =>
    has(types, feedbackTypeOf(world, i)) &&
    has(reasons, feedbackReasonOf(world, i)) &&
    has(editions, world.licences.edition[i]!) &&
    (q.anonymous === undefined || isAnonymousFeedback(world, i) === q.anonymous);
};

export const sources: Record<SourceId, ListSource> = {
  licences,
  transactions,
  conversion: txEvents(isConversionTx),
  renewal: txEvents(isRenewalTx),
  churn: licenceRows(isChurnedLicence, 'endDay', (select) => written({ select, write: (w, world, i) => writeChurn(w, world, i) }), {
    moreText: (w, i) => [invoiceOf(w, i, w.licences.maintStart[i]!)],
  }),
  feedback: licenceRows(hasFeedback, 'endDay', (select) => written({ select, write: (w, world, i) => writeFeedback(w, world, i) }), { extra: feedbackExtra }),
  attribution: licenceRows(hasAttribution, 'startDay', (select) => stringified({ select, build: (world, i) => buildAttribution(world, i) })),
  freeStarter: licenceRows((w, i) => w.licences.kind[i] === LicenceKind.starter, 'startDay', (select) => stringified({ select, build: (world, i) => buildFreeStarter(world, i) })),
};

/**
 * Caches selections per (source, filters, data version): paging re-filters nothing, and any
 * offset costs the same (an index into the row ids). Bounded by entries and by bytes: at
 * `large` one unfiltered transactions selection is ~8 MB.
 */
export class SelectionCache {
  private readonly entries = new Map<string, Uint32Array>();
  private bytes = 0;

  constructor(private readonly budgetBytes = 96 * 2 ** 20) {}

  select(world: World, source: SourceId, q: ListQuery, key: string): Uint32Array {
    const k = `${source}|${world.version}|${key}`;
    const hit = this.entries.get(k);
    if (hit) return hit;
    const rows = sources[source].select(world, q);
    this.entries.set(k, rows);
    this.bytes += rows.byteLength;
    while (this.entries.size > 1 && (this.entries.size > 24 || this.bytes > this.budgetBytes)) {
      const [oldest, ids] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= ids.byteLength;
    }
    return rows;
  }
}
