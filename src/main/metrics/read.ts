/**
 * Reads of the pre-aggregated metric tables with the dashboards' filters. Apps and hosting
 * filters are optional lists (empty = all); every value is a bound parameter.
 */
import type { Db } from '../store';
import { formatDay, lastDayOfMonth, monthLabel, monthOf, parseDay } from './days';
import { monthStartOf } from './licence-months';

export interface MetricFilter {
  apps: readonly string[];
  hosting: readonly string[];
}

/** ` AND <column> IN (?, …)` for a non-empty list (empty = no condition); `column` is a fixed name, never input. */
export function inListSql(column: string, values: readonly string[]): { sql: string; params: string[] } {
  return values.length === 0 ? { sql: '', params: [] } : { sql: ` AND ${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

/** `AND addon_key IN (?, …) AND hosting IN (?, …)` with its parameters. */
export function filterSql(filter: MetricFilter): { sql: string; params: string[] } {
  const apps = inListSql('addon_key', filter.apps);
  const hosting = inListSql('hosting', filter.hosting);
  return { sql: apps.sql + hosting.sql, params: [...apps.params, ...hosting.params] };
}

export interface MrrMonth {
  month: string;
  mrr: number;
  arr: number;
  paying: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
  refunds: number;
  newCount: number;
  churnCount: number;
}

/** MRR and its movements per month (YYYY-MM-01), summed over the selected apps and hostings. */
export function readMrrMonths(db: Db, fromMonth: string, toMonth: string, filter: MetricFilter, groupBy?: 'addon_key' | 'hosting'): (MrrMonth & { group: string })[] {
  const f = filterSql(filter);
  const group = groupBy ?? "''";
  const rows = db
    .prepare(
      `SELECT month, ${group} AS grp, total(mrr) AS mrr, total(paying) AS paying, total(new) AS new, total(expansion) AS expansion,
              total(contraction) AS contraction, total(churn) AS churn, total(refunds) AS refunds,
              total(new_count) AS newCount, total(churn_count) AS churnCount
         FROM metric_mrr_month WHERE month >= ? AND month <= ?${f.sql}
        GROUP BY month, grp ORDER BY month, grp`,
    )
    .all(fromMonth, toMonth, ...f.params) as (Omit<MrrMonth, 'arr'> & { grp: string })[];
  return rows.map(({ grp, ...r }) => ({ ...r, group: grp, arr: r.mrr * 12 }));
}

export interface RevenueRow {
  bucket: string;
  group: string;
  lines: number;
  zeroLines: number;
  vendorAmount: number;
}

/**
 * Cash revenue per bucket: `bucketSql` turns the `day` column into the bucket's first day
 * (a fixed expression from dashboards/buckets.ts, never user input); `monthly` reads whole
 * months from the month table (see splitByMonths).
 */
export function readRevenue(
  db: Db,
  from: string,
  to: string,
  filter: MetricFilter,
  bucketSql: string,
  groupBy: 'sale_type' | 'addon_key' | 'hosting' | null,
  monthly = false,
): RevenueRow[] {
  const cols = `${groupBy ?? "''"} AS grp, lines, zero_lines, vendor_amount`;
  const { source, params } = splitByMonths('metric_revenue_day', 'metric_revenue_month', cols, from, to, filter, monthly);
  return db
    .prepare(
      `SELECT ${bucketSql} AS bucket, grp AS "group", total(lines) AS lines, total(zero_lines) AS zeroLines, total(vendor_amount) AS vendorAmount
         FROM (${source}) GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(...params) as RevenueRow[];
}

/**
 * Rows of [from, to] from a day table (column `day`) and its month table (column `month`, read
 * as `day`): with `monthly`, whole months inside the range come from the month table and only
 * the partial months at either end from the day table. Table names are fixed, never input.
 */
function splitByMonths(dayTable: string, monthTable: string, cols: string, from: string, to: string, filter: MetricFilter, monthly: boolean): { source: string; params: string[] } {
  const f = filterSql(filter);
  const inner = monthly ? wholeMonths(from, to) : null;
  if (!inner) return { source: `SELECT day, ${cols} FROM ${dayTable} WHERE day >= ? AND day <= ?${f.sql}`, params: [from, to, ...f.params] };
  return {
    source: `SELECT day, ${cols} FROM ${dayTable} WHERE ((day >= ? AND day < ?) OR (day > ? AND day <= ?))${f.sql}
      UNION ALL SELECT month AS day, ${cols} FROM ${monthTable} WHERE month >= ? AND month <= ?${f.sql}`,
    params: [from, inner.first, inner.lastEnd, to, ...f.params, inner.first, inner.lastStart, ...f.params],
  };
}

/** The whole months inside [from, to]: first month start, last month start and its last day. */
function wholeMonths(from: string, to: string): { first: string; lastStart: string; lastEnd: string } | null {
  const a = parseDay(from);
  const b = parseDay(to);
  if (a === null || b === null) return null;
  const firstMonth = from.endsWith('-01') ? monthOf(a) : monthOf(a) + 1;
  const lastMonth = lastDayOfMonth(monthOf(b)) === b ? monthOf(b) : monthOf(b) - 1;
  if (lastMonth < firstMonth) return null;
  return { first: monthLabel(firstMonth), lastStart: monthLabel(lastMonth), lastEnd: formatDay(lastDayOfMonth(lastMonth)) };
}

export interface ConversionMonth {
  month: string;
  evaluations: number;
  converted: number;
  /** converted ÷ evaluations; null when no evaluation started (never a division by zero). */
  rate: number | null;
  averageDaysToConvert: number | null;
}

/** Evaluation cohorts per month of evaluation start (months as YYYY-MM-01). */
export function readConversion(db: Db, fromMonth: string, toMonth: string, filter: MetricFilter): ConversionMonth[] {
  const last = `${toMonth.slice(0, 7)}-31`;
  return readConversionBuckets(db, fromMonth, last, filter, "substr(day, 1, 7) || '-01'", true).map(({ bucket, ...r }) => ({ month: bucket, ...r }));
}

/** Evaluations started in [from, to] and how many converted, per bucket (`bucketSql` is a fixed expression; `monthly` as in readRevenue). */
export function readConversionBuckets(db: Db, from: string, to: string, filter: MetricFilter, bucketSql: string, monthly = false): (Omit<ConversionMonth, 'month'> & { bucket: string })[] {
  const { source, params } = splitByMonths('metric_conversion_day', 'metric_conversion_month', 'evaluations, converted, days_to_convert', from, to, filter, monthly);
  const rows = db
    .prepare(`SELECT ${bucketSql} AS bucket, total(evaluations) AS evaluations, total(converted) AS converted, total(days_to_convert) AS days FROM (${source}) GROUP BY 1 ORDER BY 1`)
    .all(...params) as { bucket: string; evaluations: number; converted: number; days: number }[];
  return rows.map((r) => ({
    bucket: r.bucket,
    evaluations: r.evaluations,
    converted: r.converted,
    rate: r.evaluations > 0 ? r.converted / r.evaluations : null,
    averageDaysToConvert: r.converted > 0 ? r.days / r.converted : null,
  }));
}

export interface ActiveLicenceCount {
  hosting: string;
  edition: string;
  kind: string;
  count: number;
}

/**
 * Licences whose maintenance period covers `day` (inclusive), by hosting, edition and kind: the
 * snapshot of the latest month start on or before the day, plus the deltas since it.
 */
export function readActiveLicences(db: Db, day: string, filter: MetricFilter): ActiveLicenceCount[] {
  const f = filterSql(filter);
  const snapshot = db.prepare('SELECT max(month) FROM metric_licence_month WHERE month <= ?').pluck().get(monthStartOf(day)) as string | null;
  const since = snapshot ?? '0000-01-01';
  return db
    .prepare(
      `SELECT hosting, edition, kind, sum(n) AS count FROM (
         SELECT hosting, edition, kind, active AS n FROM metric_licence_month WHERE month = ?${f.sql}
         UNION ALL
         SELECT hosting, edition, kind, delta FROM metric_licence_delta WHERE day >= ? AND day <= ?${f.sql})
        GROUP BY hosting, edition, kind HAVING sum(n) <> 0 ORDER BY hosting, edition, kind`,
    )
    .all(since, ...f.params, since, day, ...f.params) as ActiveLicenceCount[];
}
