import { describe, expect, it } from 'vitest';
import { addMonths, entitlementMonths, monthsBetween, parseDay, type SaleLine } from '../../../src/main/metrics';

const day = (s: string) => parseDay(s)!;
const sale = (saleType: string, saleDate: string, vendorAmount: number | null, start: string | null, end: string | null): SaleLine => ({
  saleType,
  saleDate,
  vendorAmount,
  maintenanceStartDate: start,
  maintenanceEndDate: end,
});
const mrrs = (lines: SaleLine[], asOf: string) => entitlementMonths(lines, day(asOf)).map((m) => m.mrr);

describe('spreading rules', () => {
  it('measures periods in calendar months, clamping month ends', () => {
    expect(monthsBetween(day('2025-01-15'), day('2025-02-15'))).toBe(1);
    expect(monthsBetween(day('2025-01-31'), day('2025-02-28'))).toBe(1);
    expect(monthsBetween(day('2024-02-29'), day('2025-02-28'))).toBe(12);
    expect(monthsBetween(day('2025-01-01'), day('2028-01-01'))).toBe(36);
    expect(monthsBetween(day('2025-01-01'), day('2025-01-16'))).toBeCloseTo(15 / 30.4375, 12);
    expect(monthsBetween(day('2025-01-01'), day('2025-01-01'))).toBe(0);
  });

  it('adds calendar months by table exactly as the Date arithmetic does, clamping to the month end', () => {
    const byDate = (d: number, k: number) => {
      const t = new Date(d * 86_400_000);
      const target = t.getUTCFullYear() * 12 + t.getUTCMonth() + k;
      const last = new Date(Date.UTC(Math.floor(target / 12), (target % 12) + 1, 0)).getUTCDate();
      return Date.UTC(Math.floor(target / 12), target % 12, Math.min(t.getUTCDate(), last)) / 86_400_000;
    };
    let differing = 0;
    for (let d = day('2000-01-01'); d < day('2040-01-01'); d++) for (const k of [1, 12, 36, -1]) if (addMonths(d, k) !== byDate(d, k)) differing++;
    expect(differing).toBe(0);
    expect(addMonths(day('2024-01-31'), 1)).toBe(day('2024-02-29'));
  });

  it('a sale without a usable maintenance period counts as one month from its sale date', () => {
    expect(mrrs([sale('New', '2025-03-10', 40, null, null)], '2025-06-30')).toEqual([40, 0]);
    expect(mrrs([sale('New', '2025-03-10', 40, '2025-03-10', '2025-03-10')], '2025-06-30')).toEqual([40, 0]);
  });

  it('a refund without a matching sale leaves MRR alone, and a larger one never turns it negative', () => {
    const base = sale('New', '2025-01-01', 1200, '2025-01-01', '2026-01-01');
    expect(mrrs([base, sale('Refund', '2025-02-01', -50, '2023-01-01', '2023-02-01')], '2025-03-31')).toEqual([100, 100, 100]);
    expect(mrrs([base, sale('Refund', '2025-02-10', -5000, '2025-01-01', '2026-01-01')], '2025-03-31')).toEqual([100, 0]);
  });

  it('an upgrade on the first day of the period replaces the whole earlier sale', () => {
    const months = entitlementMonths(
      [sale('New', '2025-01-01', 1200, '2025-01-01', '2026-01-01'), sale('Upgrade', '2025-01-01', 600, '2025-01-01', '2026-01-01')],
      day('2025-02-28'),
    );
    expect(months.map((m) => [m.mrr, m.new])).toEqual([
      [150, 150],
      [150, 0],
    ]);
  });

  it('the current month is measured on the as-of day', () => {
    const lines = [sale('New', '2025-06-01', 100, '2025-06-01', '2025-06-20')];
    const [june] = mrrs(lines, '2025-06-15');
    expect(june).toBeCloseTo(100 / (19 / 30.4375), 5);
    // Over by the month's end: a sale wholly between two snapshots never shows in MRR (it is in revenue).
    expect(entitlementMonths(lines, day('2025-06-25'))).toEqual([]);
  });
});
