import { Readable } from 'node:stream';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { describe, expect, it } from 'vitest';
import { recordDataset } from '../../../src/shared/catalogue';
import { flattenOrExplain } from '../../../src/main/store/record-writer';
import { eachAggregateRow, type SeriesRow } from '../../../src/main/sync/engine/aggregate-flatten';
import { dateWindows, addDays } from '../../../src/main/sync/engine/dates';
import { jsonArrayTexts, parseExportRecord } from '../../../src/main/sync/engine/json-array';

function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function collect(body: Readable): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const x of jsonArrayTexts(body, 'test export')) out.push(parseExportRecord(x, 'test export'));
  return out;
}

describe('export array splitter', () => {
  // Strings holding brackets, commas, escaped quotes and backslashes, multi-byte characters,
  // nested arrays, scalars, and whitespace between elements.
  const values = [{ a: 'x],"{', b: [1, [2, { c: '\\"' }]] }, 1, 's\\"]', null, { é: 'ünïcödé ✓', n: -1.5e3 }, [], {}, 'tail\\'];
  const texts = [JSON.stringify(values), JSON.stringify(values, null, 2), ' \n[ ]', '[]'];

  it('yields every element, equal to JSON.parse, at every chunk size', async () => {
    for (const text of texts) {
      for (const size of [1, 2, 3, 7, 64, 100_000]) expect(await collect(chunked(text, size))).toEqual(JSON.parse(text));
    }
  });

  it('yields each element as its own text, without the whitespace around it, at every chunk size', async () => {
    for (const text of texts) {
      const expected = (JSON.parse(text) as unknown[]).map((v) => JSON.stringify(v));
      for (const size of [1, 2, 3, 7, 64, 100_000]) {
        const out: string[] = [];
        for await (const t of jsonArrayTexts(chunked(text, size), 'test export')) out.push(t);
        // Compact input: the very bytes; indented input: the same values.
        expect(out.map((t) => JSON.stringify(JSON.parse(t)))).toEqual(expected);
        if (text === texts[0]) expect(out).toEqual(expected);
        for (const t of out) expect(t).toBe(t.trim());
      }
    }
  });

  it('yields what stream-json (a token-by-token parser) yields, chunk boundaries inside multi-byte characters included', async () => {
    const tricky = [
      { id: 'a', text: 'comma, bracket ] brace } quote " backslash \\ and "quoted"', nested: { list: [1, [2, { x: '}' }]], empty: {} } },
      { id: 'ü', emoji: '🚀 日本語', n: -1.5e3, t: true, f: false, z: null },
      'a bare string, with a comma',
      42,
      null,
      [1, 2, 3],
    ];
    const text = ` [\n${tricky.map((t) => JSON.stringify(t)).join(' ,\n ')}\n] `;
    const reference: unknown[] = [];
    const items = chunked(text, 1 << 16).pipe(streamArray.withParserAsStream());
    for await (const item of items as AsyncIterable<{ value: unknown }>) reference.push(item.value);
    expect(reference).toEqual(tricky);
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) expect(await collect(chunked(text, size))).toEqual(reference);
  });

  it('a body cut anywhere before the closing bracket is a retryable error, never a short success', async () => {
    const text = JSON.stringify(values);
    for (let cut = 1; cut < text.length; cut += 3) {
      const error = await collect(chunked(text.slice(0, cut), 5)).then(() => null, (e: unknown) => e);
      expect(error, `cut at ${cut}`).toMatchObject({ retryable: true });
    }
  });

  it('refuses what is not an array', async () => {
    await expect(collect(chunked('{"export":1}', 4))).rejects.toMatchObject({ code: 'api.malformed' });
    await expect(collect(chunked('[1,,2]', 4))).rejects.toMatchObject({ code: 'api.malformed' });
    for (const trailing of ['[1] x', '[1]\n,', '[{"a":1}]]']) for (const size of [1, 3, 100]) await expect(collect(chunked(trailing, size)), `${trailing} by ${size}`).rejects.toMatchObject({ code: 'api.malformed' });
    await expect(collect(chunked('', 4))).rejects.toMatchObject({ retryable: true });
  });
});

describe('record flattening checks', () => {
  const licences = recordDataset('licences');

  it('names what makes a record unstorable', () => {
    expect(flattenOrExplain(licences, [1])).toEqual({ problem: 'the record is not a JSON object' });
    expect(flattenOrExplain(licences, { addonKey: 'a' })).toMatchObject({ problem: expect.stringMatching(/^the record has no appEntitlementId or appEntitlementNumber/) });
    expect(flattenOrExplain(licences, { appEntitlementId: 'e1', hosting: ['Cloud'] })).toMatchObject({ problem: expect.stringMatching(/hosting holds a list/) });
    expect(flattenOrExplain(licences, { appEntitlementId: 'e1', maintenanceStartDate: 'soon' })).toMatchObject({ problem: expect.stringMatching(/maintenanceStartDate is not a date/) });
  });

  it('falls back to the entitlement number, keeps NA numbers as NULL and the raw text whole', () => {
    const record = { appEntitlementNumber: 'E-1', daysToConvertEval: 'NA', evaluationOpportunitySize: 'NA' };
    const flat = flattenOrExplain(licences, record);
    if ('problem' in flat) throw new Error(flat.problem);
    expect(flat.key).toBe('E-1');
    expect(flat.raw).toBe(JSON.stringify(record));
  });
});

function flattenAggregate(body: unknown, fallbackDate: string): SeriesRow[] {
  const rows: SeriesRow[] = [];
  eachAggregateRow(body, fallbackDate, (r) => rows.push(r));
  return rows;
}

describe('aggregate answers flattened to series rows', () => {
  it('metric series per app and in total; churn datasets; benchmark year/month; customer-insight groups; keywords', () => {
    const rows = flattenAggregate(
      {
        _links: { self: { href: '/x' } },
        total: { name: 'All apps', series: [{ name: 'Cloud', elements: [{ date: '2025-01-05', count: 2, revenue: 10.5 }] }] },
        addons: [{ addonKey: 'app-a', productId: 'p1', series: [{ name: 'Cloud', elements: [{ date: '2025-01-05', count: 1, revenue: '4.5' }] }] }],
      },
      '2025-02-01',
    );
    expect(rows).toEqual([
      { scope: 'total', addonKey: null, productId: null, dataset: '', series: 'Cloud', date: '2025-01-05', measures: { count: 2, revenue: 10.5 } },
      { scope: 'app-a', addonKey: 'app-a', productId: 'p1', dataset: '', series: 'Cloud', date: '2025-01-05', measures: { count: 1, revenue: 4.5 } },
    ]);
    const churn = flattenAggregate({ total: { datasets: [{ name: 'Monthly', series: [{ name: 'Customers', uniqueTotal: 3, elements: [{ date: '2025-01-01', count: 2 }] }] }] } }, '2025-02-01');
    expect(churn).toEqual([{ scope: 'total', addonKey: null, productId: null, dataset: 'Monthly', series: 'Customers', date: '2025-01-01', measures: { uniqueTotal: 3, count: 2 } }]);
    const bench = flattenAggregate({ churnBenchmarkPerApp: [{ appKey: 'app-a', churnBenchmarkPerMonth: [{ year: '2025', month: '3', churnRate: 1.5 }] }] }, '2025-04-01');
    expect(bench[0]).toMatchObject({ scope: 'app-a', date: '2025-03-01', measures: { churnRate: 1.5 } });
    const insights = flattenAggregate({ regionWiseUserInsightsPerMonth: [{ date: '2025-01-01', insightsType: [{ value: { group: { region: 'apac', tier: null }, usersDistribution: { usersCount: 8, usersPercent: 50 } } }] }] }, '2025-02-01');
    expect(insights).toEqual([{ scope: 'total', addonKey: null, productId: null, dataset: '', series: 'apac', date: '2025-01-01', measures: { usersCount: 8, usersPercent: 50 } }]);
    const keywords = flattenAggregate({ details: [{ searchKeyword: 'gantt', percentage: 7.8 }] }, '2025-02-28');
    expect(keywords).toEqual([{ scope: 'total', addonKey: null, productId: null, dataset: '', series: 'gantt', date: '2025-02-28', measures: { percentage: 7.8 } }]);
  });
});

describe('date windows', () => {
  it('cover the range in windows of at most N days, without gaps or overlaps', () => {
    const windows = dateWindows('2018-07-01', '2019-01-15', 90);
    expect(windows[0]).toEqual({ start: '2018-07-01', end: '2018-09-28' });
    expect(windows.at(-1)!.end).toBe('2019-01-15');
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.start).toBe(addDays(windows[i - 1]!.end, 1));
  });
});
