/**
 * MRR of one entitlement (one app on one customer instance), month by month, and the movement
 * between months. Pure functions over the entitlement's transaction lines; the wording of each
 * rule is in src/shared/metric-definitions.ts.
 */
import { addMonths, lastDayOfMonth, monthOf, monthsBetween, parseDay } from './days';

export interface SaleLine {
  saleType: string | null;
  saleDate: string | null;
  vendorAmount: number | null;
  maintenanceStartDate: string | null;
  maintenanceEndDate: string | null;
}

interface Segment {
  /** Period [start, end) in day numbers, after upgrades truncated it. */
  start: number;
  end: number;
  /** The period as sold (refunds match on it). */
  soldStart: number;
  soldEnd: number;
  soldAmount: number;
  amount: number;
  saleDay: number;
  upgrade: boolean;
  /** Refunds applied from `day` on multiply the value by `factor`. */
  cuts: { day: number; factor: number }[];
  monthly: number;
}

export interface MonthMovement {
  month: number;
  mrr: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  refunds: number;
}

/** Cents and their fractions survive; float dust from the spreading does not. */
const settle = (x: number) => (Math.abs(x) < 1e-9 ? 0 : Math.round(x * 1e6) / 1e6);

const isRefund = (l: SaleLine) => l.saleType === 'Refund' || (l.vendorAmount ?? 0) < 0;

/** A line's period; without a usable one, one month from its start (or sale date). */
function periodOf(line: SaleLine, saleDay: number): [number, number] {
  const start = parseDay(line.maintenanceStartDate) ?? saleDay;
  const end = parseDay(line.maintenanceEndDate);
  return end !== null && end > start ? [start, end] : [start, addMonths(start, 1)];
}

/** Sales as value segments, upgrades taking over the remainder of what they replace. */
export function buildSegments(lines: readonly SaleLine[]): Segment[] {
  const segments: Segment[] = [];
  const refunds: SaleLine[] = [];
  for (const line of lines) {
    const saleDay = parseDay(line.saleDate) ?? parseDay(line.maintenanceStartDate);
    if (saleDay === null) continue;
    if (isRefund(line)) {
      refunds.push(line);
      continue;
    }
    const [start, end] = periodOf(line, saleDay);
    const amount = line.vendorAmount ?? 0;
    segments.push({ start, end, soldStart: start, soldEnd: end, soldAmount: amount, amount, saleDay, upgrade: line.saleType === 'Upgrade', cuts: [], monthly: 0 });
  }
  segments.sort((a, b) => a.start - b.start || a.saleDay - b.saleDay);
  for (const up of segments) {
    if (!up.upgrade) continue;
    for (const s of segments) {
      if (s === up || s.saleDay > up.saleDay || !(s.start <= up.start && up.start < s.end)) continue;
      // Remainder by months, like the spreading, so the months before the upgrade keep their value.
      const carried = (s.amount * monthsBetween(up.start, s.end)) / monthsBetween(s.start, s.end);
      s.amount -= carried;
      s.end = up.start;
      up.amount += carried;
    }
  }
  for (const r of refunds) applyRefund(segments, r);
  for (const s of segments) {
    const months = monthsBetween(s.start, s.end);
    s.monthly = months > 0 ? s.amount / months : 0;
  }
  return segments;
}

function applyRefund(segments: Segment[], refund: SaleLine): void {
  const day = parseDay(refund.saleDate) ?? parseDay(refund.maintenanceStartDate);
  if (day === null) return;
  const refunded = Math.abs(refund.vendorAmount ?? 0);
  const [start, end] = periodOf(refund, day);
  let matched = segments.filter((s) => s.soldStart === start && s.soldEnd === end && s.saleDay <= day);
  if (matched.length === 0) {
    const overlapping = segments.filter((s) => s.saleDay <= day && s.soldStart < end && start < s.soldEnd);
    const latest = overlapping.reduce<Segment | null>((best, s) => (best === null || s.saleDay > best.saleDay ? s : best), null);
    matched = latest ? [latest] : [];
  }
  const sold = matched.reduce((sum, s) => sum + s.soldAmount, 0);
  if (sold <= 0) return; // Nothing positive to refund against: it stays in cash revenue only.
  const factor = Math.max(0, 1 - refunded / sold);
  for (const s of matched) s.cuts.push({ day, factor });
}

/** What the months need of a segment; what metric_entitlement stores (see entitlement.ts). */
export interface ValueSegment {
  start: number;
  end: number;
  monthly: number;
  cuts: readonly { day: number; factor: number }[];
}

/**
 * The entitlement's MRR at the end of each month (at `asOfDay` for its month) and the movement
 * from the month before, from the first month it had a sale to the month its last period ends
 * (the churn month), never past `asOfDay`.
 */
export function entitlementMonths(lines: readonly SaleLine[], asOfDay: number): MonthMovement[] {
  return segmentMonths(buildSegments(lines), asOfDay);
}

/**
 * The months of entitlementMonths from the segments alone: an incremental refresh keeps each
 * entitlement's segments, so a new as-of day (or the entitlement's old contribution) needs no
 * transaction read.
 */
export function segmentMonths(segments: readonly ValueSegment[], asOfDay: number, fromMonth = -Infinity): MonthMovement[] {
  if (segments.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const s of segments) {
    if (s.end <= s.start) continue;
    first = Math.min(first, monthOf(s.start));
    last = Math.max(last, monthOf(s.end));
  }
  // Only months from `fromMonth` on (a new as-of day changes no earlier one): start the sweep a
  // month before, for the MRR those months move from.
  if (first < fromMonth) first = fromMonth - 1;
  const asOfMonth = monthOf(asOfDay);
  last = Math.min(last, asOfMonth);
  if (last < first) return [];
  // Snapshot day of each month, and MRR on it with and without the refunds dated in the month.
  // Each segment adds to the few months it covers (a sweep, not months × segments).
  const n = last - first + 1;
  const days = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? lastDayOfMonth(first - 1) : first + i - 1 === asOfMonth ? asOfDay : lastDayOfMonth(first + i - 1)));
  const withRefunds = new Float64Array(n);
  const beforeRefunds = new Float64Array(n);
  for (const s of segments) {
    if (s.end <= s.start) continue;
    const from = Math.max(first, monthOf(s.start));
    const to = Math.min(last, monthOf(s.end));
    for (let month = from; month <= to; month++) {
      const i = month - first;
      const day = days[i + 1]!;
      if (day < s.start || day >= s.end) continue;
      let now = s.monthly;
      let before = s.monthly;
      for (const c of s.cuts) {
        if (c.day <= day) now *= c.factor;
        if (c.day <= days[i]!) before *= c.factor;
      }
      withRefunds[i] = withRefunds[i]! + now;
      beforeRefunds[i] = beforeRefunds[i]! + before;
    }
  }
  const out: MonthMovement[] = [];
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const mrr = settle(withRefunds[i]!);
    const beforeThem = settle(beforeRefunds[i]!);
    const m: MonthMovement = { month: first + i, mrr, new: 0, expansion: 0, contraction: 0, churn: 0, refunds: settle(beforeThem - mrr) };
    if (prev === 0 && beforeThem > 0) m.new = beforeThem;
    else if (prev > 0 && beforeThem === 0) m.churn = prev;
    else if (beforeThem > prev) m.expansion = settle(beforeThem - prev);
    else if (beforeThem < prev) m.contraction = settle(prev - beforeThem);
    if ((mrr !== 0 || prev !== 0 || m.refunds !== 0) && m.month >= fromMonth) out.push(m);
    prev = mrr;
  }
  return out;
}
