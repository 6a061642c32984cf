import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../../src/main/store';
import { readActiveLicences, readConversion, readMrrMonths, readRevenue, refreshMetrics, type MetricFilter } from '../../../src/main/metrics';
import { A, B, asOf, seedFixture } from './fixture';
import { openSpaceDatabase } from '../../../src/main/space-database';

let dir: string;
let db: Db;
const all: MetricFilter = { apps: [], hosting: [] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mpdesk-metrics-'));
  db = openSpaceDatabase(join(dir, 's.sqlite'));
  seedFixture(db);
  refreshMetrics(db, { asOf });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01'];

function mrrTable(filter = all) {
  const rows = readMrrMonths(db, '2024-01-01', '2030-01-01', filter);
  return Object.fromEntries(rows.map((r) => [r.month, r]));
}

describe('MRR and its movements (hand-computed)', () => {
  it('MRR at each month end: spreading, upgrade carry-over, refunds, $0 and a three-year sale', () => {
    const t = mrrTable();
    // Jan: E1 100 + E2 1200/12 + E7 50. Feb: + E3 100, E7 down to 30. Mar: E3 refunded, E7 gone,
    // E4 600/12 = 50. Apr: E1 gone, E2 (900 + 1200×9/12)/9 = 200. May: E4 half refunded = 25.
    // Jun (as of the 15th): + E6 3600/36 = 100.
    expect(months.map((m) => t[m]?.mrr)).toEqual([250, 330, 250, 250, 225, 325]);
    expect(t['2025-06-01']?.arr).toBe(3900);
    expect(months.map((m) => t[m]?.paying)).toEqual([3, 4, 3, 2, 2, 3]);
    expect(Object.keys(t).some((m) => m > '2025-06-01')).toBe(false);
  });

  it('movements: new, expansion, contraction, churn and refunds add up to the MRR change', () => {
    const t = mrrTable();
    const pick = (m: string) => {
      const r = t[m]!;
      return { new: r.new, expansion: r.expansion, contraction: r.contraction, churn: r.churn, refunds: r.refunds };
    };
    expect(pick('2025-01-01')).toEqual({ new: 250, expansion: 0, contraction: 0, churn: 0, refunds: 0 });
    expect(pick('2025-02-01')).toEqual({ new: 100, expansion: 0, contraction: 20, churn: 0, refunds: 0 });
    expect(pick('2025-03-01')).toEqual({ new: 50, expansion: 0, contraction: 0, churn: 30, refunds: 100 });
    expect(pick('2025-04-01')).toEqual({ new: 0, expansion: 100, contraction: 0, churn: 100, refunds: 0 });
    expect(pick('2025-05-01')).toEqual({ new: 0, expansion: 0, contraction: 0, churn: 0, refunds: 25 });
    expect(pick('2025-06-01')).toEqual({ new: 100, expansion: 0, contraction: 0, churn: 0, refunds: 0 });
    let previous = 0;
    for (const m of months) {
      const r = t[m]!;
      expect(r.mrr).toBeCloseTo(previous + r.new + r.expansion - r.contraction - r.churn - r.refunds, 9);
      previous = r.mrr;
    }
    expect(t['2025-01-01']?.newCount).toBe(3);
    expect(t['2025-04-01']?.churnCount).toBe(1);
  });

  it('per app and per hosting', () => {
    const a = mrrTable({ apps: [A], hosting: [] });
    const b = mrrTable({ apps: [B], hosting: [] });
    expect(months.map((m) => a[m]?.mrr ?? 0)).toEqual([200, 300, 200, 200, 200, 300]);
    expect(months.map((m) => b[m]?.mrr ?? 0)).toEqual([50, 30, 50, 50, 25, 25]);
    const dc = mrrTable({ apps: [], hosting: ['Data Center'] });
    expect(months.map((m) => dc[m]?.mrr ?? 0)).toEqual([100, 100, 100, 200, 200, 300]);
    const byApp = readMrrMonths(db, '2025-06-01', '2025-06-01', all, 'addon_key');
    expect(byApp.map((r) => [r.group, r.mrr])).toEqual([
      [A, 300],
      [B, 25],
    ]);
  });
});

describe('revenue by sale date', () => {
  it('sums vendor amounts (net of partner discounts), refunds negative, $0 sales counted', () => {
    const rows = readRevenue(db, '2025-01-01', '2025-12-31', all, "'all'", 'sale_type');
    const by = Object.fromEntries(rows.map((r) => [r.group, r]));
    expect(by.New).toMatchObject({ lines: 7, zeroLines: 1, vendorAmount: 100 + 1200 + 1200 + 600 + 0 + 3600 + 50 });
    expect(by.Renewal).toMatchObject({ lines: 3, vendorAmount: 230 });
    expect(by.Upgrade).toMatchObject({ lines: 1, vendorAmount: 900 });
    expect(by.Refund).toMatchObject({ lines: 2, vendorAmount: -1500 });
    const march = readRevenue(db, '2025-03-01', '2025-03-31', { apps: [A], hosting: [] }, "'m'", null);
    expect(march).toEqual([{ bucket: 'm', group: '', lines: 2, zeroLines: 0, vendorAmount: 100 - 1200 }]);
  });
});

describe('evaluation-to-paid conversion', () => {
  it('cohorts by evaluation start; a $0 sale is not a conversion; a linked paid licence is', () => {
    const rows = readConversion(db, '2024-01-01', '2025-12-01', all);
    expect(rows).toEqual([
      // E10 (DC evaluation) converted through E2, whose evaluationLicense names it: Dec 20 → Jan 1.
      { month: '2024-12-01', evaluations: 1, converted: 1, rate: 1, averageDaysToConvert: 12 },
      // E1 converted on Jan 15 (14 days), L8 did not.
      { month: '2025-01-01', evaluations: 2, converted: 1, rate: 0.5, averageDaysToConvert: 14 },
      // E5 only ever had a $0 sale.
      { month: '2025-03-01', evaluations: 1, converted: 0, rate: 0, averageDaysToConvert: null },
    ]);
    expect(readConversion(db, '2025-02-01', '2025-02-01', all)).toEqual([]);
  });
});

describe('active licences', () => {
  it('counts licences covering the day by hosting, edition and kind, end date inclusive', () => {
    expect(readActiveLicences(db, '2025-03-10', all)).toEqual([
      { hosting: 'Cloud', edition: 'Standard', kind: 'paid', count: 3 },
      { hosting: 'Data Center', edition: 'Advanced', kind: 'paid', count: 1 },
      { hosting: 'Server', edition: 'Unspecified', kind: 'free', count: 1 },
      { hosting: 'Server', edition: 'Unspecified', kind: 'paid', count: 1 },
    ]);
    // E7 ended on Mar 10; the academic licence has no end and stays.
    expect(readActiveLicences(db, '2025-03-11', { apps: [B], hosting: ['Cloud'] })).toEqual([]);
    expect(readActiveLicences(db, '2030-01-01', all)).toEqual([{ hosting: 'Server', edition: 'Unspecified', kind: 'free', count: 1 }]);
  });
});

describe('refresh', () => {
  it('rebuilds to the same result and records its as-of day', () => {
    const before = readMrrMonths(db, '2024-01-01', '2030-01-01', all);
    const result = refreshMetrics(db, { asOf, mode: 'full' });
    expect(result).toMatchObject({ asOf, mode: 'full', entitlements: 7, transactions: 13 });
    expect(readMrrMonths(db, '2024-01-01', '2030-01-01', all)).toEqual(before);
    // Nothing changed since: the next refresh is incremental and recomputes nothing.
    expect(refreshMetrics(db, { asOf })).toMatchObject({ asOf, mode: 'incremental', entitlements: 0, transactions: 0 });
    expect(readMrrMonths(db, '2024-01-01', '2030-01-01', all)).toEqual(before);
    expect(db.prepare("SELECT value FROM metric_state WHERE key = 'as_of'").pluck().get()).toBe(asOf);
  });

  it('refuses an as-of value that is not a date', () => {
    expect(() => refreshMetrics(db, { asOf: '2025-02-30' })).toThrow(/not a date/);
  });
});
