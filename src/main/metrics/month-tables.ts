/**
 * Month tables summed from the day tables, so a long range reads a month's row instead of its
 * days (see splitByMonths in read.ts). Money in micros like the day cells, so a month summed
 * again after an incremental refresh equals the full rebuild's.
 */
import type { Db } from '../store';

/** Revenue months: all of them, or the given ones (YYYY-MM-01). */
export function writeRevenueMonths(db: Db, months: readonly string[] | null): void {
  const sum = `INSERT INTO metric_revenue_month (month, addon_key, hosting, sale_type, lines, zero_lines, vendor_amount, purchase_price)
    SELECT substr(day, 1, 7) || '-01', addon_key, hosting, sale_type, sum(lines), sum(zero_lines),
           sum(CAST(round(vendor_amount * 1000000) AS INTEGER)) / 1000000.0, sum(CAST(round(purchase_price * 1000000) AS INTEGER)) / 1000000.0
      FROM metric_revenue_day`;
  if (months === null) {
    db.exec('DELETE FROM metric_revenue_month');
    db.exec(`${sum} GROUP BY 1, 2, 3, 4`);
    return;
  }
  const remove = db.prepare('DELETE FROM metric_revenue_month WHERE month = ?');
  const insert = db.prepare(`${sum} WHERE day >= ? AND day <= ? GROUP BY 1, 2, 3, 4`);
  for (const month of months) {
    remove.run(month);
    insert.run(month, `${month.slice(0, 7)}-31`);
  }
}


/** Conversion months: all of them, or the given ones (YYYY-MM-01). */
export function writeConversionMonths(db: Db, months: readonly string[] | null): void {
  const sum = `INSERT INTO metric_conversion_month (month, addon_key, hosting, evaluations, converted, days_to_convert)
    SELECT substr(day, 1, 7) || '-01', addon_key, hosting, sum(evaluations), sum(converted), sum(days_to_convert)
      FROM metric_conversion_day`;
  if (months === null) {
    db.exec('DELETE FROM metric_conversion_month');
    db.exec(`${sum} GROUP BY 1, 2, 3`);
    return;
  }
  const remove = db.prepare('DELETE FROM metric_conversion_month WHERE month = ?');
  const insert = db.prepare(`${sum} WHERE day >= ? AND day <= ? GROUP BY 1, 2, 3`);
  for (const month of months) {
    remove.run(month);
    insert.run(month, `${month.slice(0, 7)}-31`);
  }
}

/** The months (YYYY-MM-01) of day cells (keys starting with YYYY-MM-DD). */
export const monthsOfDayKeys = (keys: Iterable<string>): string[] => [...new Set([...keys].map((k) => `${k.slice(0, 7)}-01`))];
