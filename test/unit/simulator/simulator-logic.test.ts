import { describe, expect, it } from 'vitest';
import { addMonths, dayFromIso, isIsoDate, isoFromDay, weekStart } from '../../../src/main/simulator/data/dates';
import { LicenceKind, planLicence, Sale, StepKind } from '../../../src/main/simulator/data/plan';
import { resolveScale } from '../../../src/main/simulator/data/scale';
import { World } from '../../../src/main/simulator/data/world';
import { AsyncExports } from '../../../src/main/simulator/http/async-exports';
import { parseFaultSpec } from '../../../src/main/simulator/http/faults';
import { parseQuery } from '../../../src/main/simulator/http/query';
import { csvLine } from '../../../src/main/simulator/http/reply';
import { amountsOf, transactionIdOf } from '../../../src/main/simulator/records/transaction';

describe('dates', () => {
  it('weeks start on Sunday, months keep the day or clamp to the month end', () => {
    expect(isoFromDay(weekStart(dayFromIso('2025-02-19')))).toBe('2025-02-16');
    expect(isoFromDay(weekStart(dayFromIso('2025-02-16')))).toBe('2025-02-16');
    expect(isoFromDay(addMonths(dayFromIso('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoFromDay(addMonths(dayFromIso('2024-02-29'), 12))).toBe('2025-02-28');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2026-11-26')).toBe(true);
    for (const bad of ['2026-13-01', '2026-02-30', '26-11-26', '2026-11-26T00:00:00Z', '']) expect(isIsoDate(bad)).toBe(false);
  });
});

describe('fault spec grammar', () => {
  it('parses kinds and options', () => {
    expect(parseFaultSpec('429:rate=0.1:retryAfter=2,503:next=3,slow:ms=10:path=/licenses,export-fail')).toEqual([
      { kind: '429', rate: 0.1, retryAfter: 2, ms: 3000 },
      { kind: '503', next: 3, retryAfter: 1, ms: 3000 },
      { kind: 'slow', ms: 10, path: '/licenses', retryAfter: 1 },
      { kind: 'export-fail', retryAfter: 1, ms: 3000 },
    ]);
    expect(parseFaultSpec('')).toEqual([]);
  });

  it('names the bad part', () => {
    expect(() => parseFaultSpec('429:rate=1.5')).toThrow(/"429:rate=1.5".*rate/);
    expect(() => parseFaultSpec('418')).toThrow(/"418"/);
    expect(() => parseFaultSpec('503:next=0')).toThrow(/next/);
  });
});

describe('CSV fields (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks and doubles inner quotes', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, ['x']])).toBe('a,"b,c","say ""hi""","two\nlines",,3,"[""x""]"\r\n');
  });
});

describe('licence lives', () => {
  it('are ordered in time, and only evaluations convert', () => {
    for (let i = 0; i < 500; i++) {
      const kind = i % 4;
      const steps = planLicence({ seed: 3, index: i, kind, hosting: i % 3, startDay: dayFromIso('2020-01-01') });
      for (let k = 1; k < steps.length; k++) expect(steps[k]!.day).toBeGreaterThanOrEqual(steps[k - 1]!.day);
      if (kind !== LicenceKind.evaluation) expect(steps.some((s) => s.convert)).toBe(false);
      for (const s of steps.filter((x) => x.kind === StepKind.refund)) expect(steps.some((x) => x.kind === StepKind.sale && x.day === s.refDay)).toBe(true);
    }
  });

  it('produce a consistent world: nothing after the clock, refunds negate the sale they share an invoice with', () => {
    const world = new World(5, resolveScale(2000), '2026-11-26');
    world.advance(10);
    const T = world.transactions;
    for (let t = 0; t < T.length; t++) {
      expect(T.saleDay[t]!).toBeLessThanOrEqual(world.now);
      expect(T.lastUpdated[t]!).toBeLessThanOrEqual(world.now);
    }
    for (let i = 0; i < world.licences.length; i++) expect(world.licences.lastUpdated[i]!).toBeLessThanOrEqual(world.now);
    let refunds = 0;
    for (let t = 0; t < T.length; t++) {
      if (T.saleType[t] !== Sale.refund) continue;
      refunds++;
      const sale = Array.from({ length: T.length }, (_, k) => k).find((k) => T.licence[k] === T.licence[t] && T.saleDay[k] === T.refDay[t] && T.saleType[k] !== Sale.refund)!;
      expect(transactionIdOf(world, t)).toBe(transactionIdOf(world, sale));
      expect(amountsOf(world, t).purchasePrice).toBeCloseTo(-amountsOf(world, sale).purchasePrice, 2);
    }
    expect(refunds).toBeGreaterThan(0);
  });

  it('advancing in steps equals advancing at once', () => {
    const a = new World(9, resolveScale(1000), '2026-11-26');
    const b = new World(9, resolveScale(1000), '2026-11-26');
    a.advance(20);
    b.advance(5);
    b.advance(15);
    expect(b.licences.length).toBe(a.licences.length);
    expect(b.transactions.length).toBe(a.transactions.length);
    expect(Array.from(b.licences.lastUpdated.subarray(0, b.licences.length))).toEqual(Array.from(a.licences.lastUpdated.subarray(0, a.licences.length)));
  });
});

describe('async exports', () => {
  it('keep the newest 64: an older one is gone (404), its row ids with it', () => {
    const world = new World(2, resolveScale(400), '2026-11-26');
    const exports = new AsyncExports(2, 0);
    const q = parseQuery(new URLSearchParams(''));
    const ids = Array.from({ length: 70 }, (_, k) => exports.start(world, 'licences', q, `k${k}`, new Uint32Array(10), 'normal').id);
    expect(() => exports.get(ids[0]!)).toThrow(/not found/);
    expect(() => exports.get(ids[5]!)).toThrow(/not found/);
    expect(exports.get(ids[6]!).id).toBe(ids[6]);
    expect(exports.statusOf(exports.get(ids[69]!))).toBe('COMPLETED');
  });
});

describe('query parsing', () => {
  it('parses the filters once per query, the paging every time, and hands out a fresh object', () => {
    const first = parseQuery(new URLSearchParams('hosting=Cloud&offset=100&limit=20'));
    expect(first).toMatchObject({ hosting: ['cloud'], offset: 100, limit: 20 });
    first.hosting.push('server');
    first.startDate = '2020-01-01';
    const again = parseQuery(new URLSearchParams('hosting=Cloud&limit=500&offset=150'));
    expect(again).toMatchObject({ hosting: ['cloud'], offset: 150, limit: 50 });
    expect(again.startDate).toBeUndefined();
    expect(() => parseQuery(new URLSearchParams('hosting=Cloud&offset=-1'))).toThrow(/Invalid query parameter offset/);
    expect(() => parseQuery(new URLSearchParams('hosting=Cloud&limit=0'))).toThrow(/Invalid query parameter limit/);
    expect(() => parseQuery(new URLSearchParams('hosting=moon&offset=5'))).toThrow(/Invalid query parameter hosting/);
  });
});
