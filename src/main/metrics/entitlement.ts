/**
 * One entitlement (one app on one customer instance) as the metrics keep it: its value
 * segments, where its MRR is counted, its paid sale days and the ids that link licences to it.
 * metric_entitlement stores one row each, so an incremental refresh can take an entitlement's
 * old contribution out of the MRR cells without its old transactions, and can move every open
 * entitlement to a new as-of day without reading a transaction.
 */
import type { Db } from '../store';
import { CellSums, cellKey, mrrCells, toMicros } from './cells';
import { monthLabel, monthOf } from './days';
import { buildSegments, segmentMonths, type ValueSegment } from './mrr';
import { compareLines, isRefundLine, type TxRow } from './transaction-lines';

export interface EntitlementSummary {
  /** `i:<id>` or `n:<number>` (see entitlementOf) and the app key of its lines. */
  ent: string;
  addon: string;
  /** App and hosting of its latest sale: the MRR cells it counts in. */
  app: string;
  hosting: string;
  /** Entitlement ids and numbers on its lines (licences link evaluations to these). */
  ids: string[];
  /** Days of its paid sales (vendor amount above $0, not refunds), ascending. */
  paid: string[];
  segments: ValueSegment[];
  /** The month its last period ends: it has MRR months from the as-of month on while this is ≥ it. */
  lastMonth: number;
}

/** The entitlement of a group of lines (all with the same entitlement and app); null when they add nothing. */
export function summarizeEntitlement(ent: string, addon: string, lines: TxRow[]): EntitlementSummary | null {
  if (lines.length === 0) return null;
  lines.sort(compareLines);
  const latest = lines.reduce((a, b) => ((b.saleDate ?? '') >= (a.saleDate ?? '') ? b : a));
  const segments: ValueSegment[] = buildSegments(lines)
    .filter((s) => s.end > s.start)
    .map((s) => ({ start: s.start, end: s.end, monthly: s.monthly, cuts: s.cuts }));
  const ids = new Set<string>();
  const paid: string[] = [];
  for (const l of lines) {
    if (l.appEntitlementId !== null) ids.add(l.appEntitlementId);
    if (l.appEntitlementNumber !== null) ids.add(l.appEntitlementNumber);
    if ((l.vendorAmount ?? 0) > 0 && !isRefundLine(l) && l.saleDate) paid.push(l.saleDate.slice(0, 10));
  }
  if (segments.length === 0 && paid.length === 0) return null;
  paid.sort();
  const lastMonth = segments.reduce((m, s) => Math.max(m, monthOf(s.end)), -1);
  return { ent, addon, app: latest.addonKey ?? '', hosting: latest.hosting ?? '', ids: [...ids].sort(), paid, segments, lastMonth };
}

export type OpenEntitlement = Pick<EntitlementSummary, 'ent' | 'addon' | 'app' | 'hosting' | 'segments'>;

/**
 * MRR cell sums, kept by (app, hosting) and then month number while entitlements are added: one
 * string key per entitlement instead of one per entitlement month (millions in a full rebuild).
 */
export class MrrSums {
  private readonly groups = new Map<string, Map<number, number[]>>();

  /** Adds (sign 1) or takes out (−1) the entitlement's MRR months as of `asOfDay` (those from `fromMonth` on). */
  add(e: OpenEntitlement, asOfDay: number, sign: 1 | -1, fromMonth?: number): void {
    const months = segmentMonths(e.segments, asOfDay, fromMonth);
    if (months.length === 0) return;
    const group = cellKey(e.app, e.hosting);
    let cells = this.groups.get(group);
    if (!cells) this.groups.set(group, (cells = new Map()));
    for (const m of months) {
      let c = cells.get(m.month);
      if (!c) cells.set(m.month, (c = [0, 0, 0, 0, 0, 0, 0, 0, 0]));
      c[0]! += sign * toMicros(m.mrr);
      c[1]! += m.mrr > 0 ? sign : 0;
      c[2]! += sign * toMicros(m.new);
      c[3]! += sign * toMicros(m.expansion);
      c[4]! += sign * toMicros(m.contraction);
      c[5]! += sign * toMicros(m.churn);
      c[6]! += sign * toMicros(m.refunds);
      c[7]! += m.new > 0 ? sign : 0;
      c[8]! += m.churn > 0 ? sign : 0;
    }
  }

  /** The sums as metric_mrr_month cells. */
  toCells(): CellSums {
    const out = new CellSums(mrrCells);
    for (const [group, cells] of this.groups) for (const [month, values] of cells) out.add(cellKey(monthLabel(month), group), values);
    return out;
  }
}

/** Entitlement id or number → paid sale days of every entitlement carrying it (sorted by sortPaidDays). */
export function addPaidDays(paidDays: Map<string, string[]>, e: EntitlementSummary): void {
  if (e.paid.length === 0) return;
  for (const id of e.ids) {
    const days = paidDays.get(id);
    if (days) days.push(...e.paid);
    else paidDays.set(id, [...e.paid]);
  }
}

export function sortPaidDays(paidDays: Map<string, string[]>): void {
  for (const days of paidDays.values()) days.sort();
}

// Stored form: segments as flat numbers [start, end, monthly, cutDay, factor, …] (JSON keeps every double exactly).
const encodeSegments = (segments: readonly ValueSegment[]) => JSON.stringify(segments.map((s) => [s.start, s.end, s.monthly, ...s.cuts.flatMap((c) => [c.day, c.factor])]));

function decodeSegments(text: string): ValueSegment[] {
  return (JSON.parse(text) as number[][]).map(([start, end, monthly, ...cuts]) => {
    const list: { day: number; factor: number }[] = [];
    for (let i = 0; i < cuts.length; i += 2) list.push({ day: cuts[i]!, factor: cuts[i + 1]! });
    return { start: start!, end: end!, monthly: monthly!, cuts: list };
  });
}

export const storedValues = (e: EntitlementSummary, asOfDay: number) =>
  [e.ent, e.addon, e.app, e.hosting, e.lastMonth, nextEvent(e.segments, asOfDay), JSON.stringify(e.ids), JSON.stringify(e.paid), encodeSegments(e.segments)] as const;

/** After the last day of any stored entitlement's events: "none due". */
const noEvent = 2 ** 31 - 1;

/**
 * The first day after `asOfDay` on which the entitlement's MRR on the as-of day can change: a
 * period starting or ending, or a refund cut. Until then a later as-of day in the same month
 * leaves its months as they are, so a daily refresh moves only the entitlements due.
 */
export function nextEvent(segments: readonly ValueSegment[], asOfDay: number): number {
  let next = noEvent;
  for (const s of segments) {
    for (const day of [s.start, s.end, ...s.cuts.map((c) => c.day)]) if (day > asOfDay && day < next) next = day;
  }
  return next;
}

const readOpen = (rows: unknown[]): OpenEntitlement[] =>
  (rows as [string, string, string, string, string][]).map(([ent, addon, app, hosting, segments]) => ({ ent, addon, app, hosting, segments: decodeSegments(segments) }));

interface StoredRow {
  ent: string;
  addon: string;
  app: string;
  hosting: string;
  last_month: number;
  ids: string;
  paid: string;
  segments: string;
}

const fromStored = (r: StoredRow): EntitlementSummary => ({
  ent: r.ent,
  addon: r.addon,
  app: r.app,
  hosting: r.hosting,
  ids: JSON.parse(r.ids) as string[],
  paid: JSON.parse(r.paid) as string[],
  segments: decodeSegments(r.segments),
  lastMonth: r.last_month,
});

export function entitlementStore(db: Db) {
  const insert = db.prepare('INSERT OR REPLACE INTO metric_entitlement (ent, addon, app, hosting, last_month, next_event, ids, paid, segments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const setNext = db.prepare('UPDATE metric_entitlement SET next_event = ? WHERE ent = ? AND addon = ?');
  const remove = db.prepare('DELETE FROM metric_entitlement WHERE ent = ? AND addon = ?');
  const read = db.prepare('SELECT * FROM metric_entitlement WHERE ent = ? AND addon = ?');
  const readApps = db.prepare('SELECT * FROM metric_entitlement WHERE ent = ?');
  return {
    save(e: EntitlementSummary, asOfDay: number): void {
      insert.run(...storedValues(e, asOfDay));
    },
    /** Records the entitlement's next event after a new as-of day (see nextEvent). */
    moved(e: OpenEntitlement, asOfDay: number): void {
      setNext.run(nextEvent(e.segments, asOfDay), e.ent, e.addon);
    },
    /** Writes rows of storedValues (a pass cannot write while it still reads). */
    saveAll(rows: Iterable<ReturnType<typeof storedValues>>): void {
      for (const r of rows) insert.run(...r);
    },
    remove(ent: string, addon: string): void {
      remove.run(ent, addon);
    },
    load(ent: string, addon: string): EntitlementSummary | null {
      const r = read.get(ent, addon) as StoredRow | undefined;
      return r ? fromStored(r) : null;
    },
    /** Every app's entitlement under one key (`i:<id>` or `n:<number>`). */
    byEntitlement(ent: string): EntitlementSummary[] {
      return (readApps.all(ent) as StoredRow[]).map(fromStored);
    },
    /** Entitlements with MRR months from `month` on (open at an as-of day in that month): what their months need only. */
    openFrom(month: number): OpenEntitlement[] {
      return readOpen(db.prepare('SELECT ent, addon, app, hosting, segments FROM metric_entitlement WHERE last_month >= ?').raw(true).all(month));
    },
    /** Entitlements with an event on or before `day` (since the as-of day they were stored for). */
    dueBy(day: number): OpenEntitlement[] {
      return readOpen(db.prepare('SELECT ent, addon, app, hosting, segments FROM metric_entitlement WHERE next_event <= ?').raw(true).all(day));
    },
    /** Paid days of every stored entitlement, for the conversion cohorts. */
    paidDays(): Map<string, string[]> {
      const out = new Map<string, string[]>();
      const rows = db.prepare("SELECT ids, paid FROM metric_entitlement WHERE paid <> '[]'").raw(true).iterate() as IterableIterator<[string, string]>;
      for (const [ids, paid] of rows) addPaidDays(out, { ids: JSON.parse(ids) as string[], paid: JSON.parse(paid) as string[] } as EntitlementSummary);
      sortPaidDays(out);
      return out;
    },
  };
}
