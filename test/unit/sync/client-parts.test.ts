import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter } from '../../../src/main/sync/client/errors';
import { buildUrl } from '../../../src/main/sync/client/http-client';
import { defaultRetryPolicy, retryDelayMs } from '../../../src/main/sync/client/retry';
import { batchesOf, csvRecords } from '../../../src/main/sync/client/streams';
import { throttleProgress } from '../../../src/main/sync/service-handlers';

/** A body cut into chunks at the given sizes (exercises every element split across chunks). */
function chunked(text: string, size: number): Readable {
  const parts: Buffer[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('CSV rows and batches', () => {
  it('parses quoted fields with embedded newlines, quotes and commas (LIVE-API-NOTES)', async () => {
    const csv = 'id,message,empty\r\n1,"line one\nline two",\r\n2,"she said ""hi"", twice",x\r\n';
    expect(await collect(csvRecords(chunked(csv, 5)))).toEqual([
      { id: '1', message: 'line one\nline two', empty: '' },
      { id: '2', message: 'she said "hi", twice', empty: 'x' },
    ]);
  });

  it('groups a stream into batches with a short last one', async () => {
    async function* numbers() {
      for (let i = 0; i < 7; i++) yield i;
    }
    expect(await collect(batchesOf(numbers(), 3))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
});

describe('retry timing', () => {
  const transient = new ApiError('api.error', 'x', 503, true);

  it('backs off exponentially with jitter between half and the whole ceiling, capped', () => {
    for (const attempt of [1, 2, 3, 4]) {
      const ceiling = defaultRetryPolicy.baseDelayMs * 2 ** (attempt - 1);
      expect(retryDelayMs(defaultRetryPolicy, attempt, transient, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(defaultRetryPolicy, attempt, transient, () => 0.999999)).toBeCloseTo(ceiling, -1);
    }
    expect(retryDelayMs(defaultRetryPolicy, 30, transient, () => 1)).toBe(defaultRetryPolicy.maxDelayMs);
  });

  it('honours Retry-After in seconds or as an HTTP date', () => {
    const limited = new ApiError('api.error', 'x', 429, true, 7);
    expect(retryDelayMs(defaultRetryPolicy, 1, limited, () => 0)).toBe(7000);
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('request URLs', () => {
  it('fills path parameters and repeats multi-value filters (LIVE-API-NOTES: a comma list reads as "all")', () => {
    const url = buildUrl({ baseUrl: 'https://api.example.com/marketplace/', developerId: 'dev-1' }, {
      endpoint: 'sale-metric-details',
      pathParams: { saleMetric: 'churn' },
      query: { productId: ['p1', 'p2'], hosting: 'cloud', offset: 50, limit: 50, skipped: undefined },
    });
    expect(url).toBe('https://api.example.com/marketplace/rest/3/reporting/developer-space/dev-1/sales/metrics/churn/details?productId=p1&productId=p2&hosting=cloud&offset=50&limit=50');
    expect(() => buildUrl({ baseUrl: 'https://x', developerId: 'd' }, { endpoint: 'licenses-async-export-status' })).toThrow(/exportId/);
  });
});

describe('progress events', () => {
  it('passes phase changes and the end of a phase, and thins out the reports in between', () => {
    const sent: string[] = [];
    const send = throttleProgress((p) => sent.push(`${p.dataset}:${p.phase}:${p.done}`), 60_000);
    const p = (dataset: string, phase: string, done: number, total: number | null = 100) => ({ dataset, phase, done, total, ratePerSecond: null, etaSeconds: null });
    send(p('licences', 'paging', 0));
    send(p('licences', 'paging', 50));
    send(p('transactions', 'paging', 50));
    send(p('licences', 'paging', 100));
    send(p('licences', 'done', 100));
    expect(sent).toEqual(['licences:paging:0', 'transactions:paging:50', 'licences:paging:100', 'licences:done:100']);
  });
});
