import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator';
import { dsUrl, get, getJson, pageAll, parseCsv, start } from './helpers';
import { eventShapes, shapeProblems, shapes } from './reference-shapes';

interface EndpointEntry {
  id: string;
  method: 'GET' | 'POST';
  path: string;
  kind: string;
  records_key: string | null;
  path_params: Record<string, string[] | null>;
  formats?: string[];
}

const endpoints = JSON.parse(readFileSync(new URL('../../fixtures/api/endpoints.json', import.meta.url), 'utf8')) as EndpointEntry[];

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await start({ exportPolls: 1 });
});
afterAll(() => sim.close());

/** Every concrete URL of an entry: one per allowed value of each enumerated path parameter. */
function expand(e: EndpointEntry): { url: string; values: Record<string, string> }[] {
  let variants: Record<string, string>[] = [{}];
  for (const [name, allowed] of Object.entries(e.path_params)) {
    const values = allowed ?? [name === 'developerId' ? sim.developerId : name === 'productId' ? sim.data.world.apps[0]!.productId : 'EXPORT'];
    variants = variants.flatMap((v) => values.map((x) => ({ ...v, [name]: x })));
  }
  return variants.map((values) => ({ values, url: `${sim.baseUrl}${e.path.replace(/\{(\w+)\}/g, (_, n: string) => values[n]!)}` }));
}

function shapeFor(e: EndpointEntry, values: Record<string, string>) {
  if (e.id === 'evaluations-by-metric' && values.metric === 'hosting') return shapes['evaluations-by-metric:hosting']!;
  if (e.id === 'sale-metric-details') return eventShapes[values.saleMetric!]!;
  return shapes[e.id];
}

async function startExport(path: string): Promise<{ status: string; download: string }> {
  const r = await get(sim, `${sim.baseUrl}${path}`, { method: 'POST' });
  expect(r.status).toBe(200);
  const body = (await r.json()) as { _links: { status: { href: string }; download: { href: string } } };
  expect(shapeProblems(body, shapes['async-export-start']!)).toEqual([]);
  return { status: body._links.status.href, download: body._links.download.href };
}

describe('every endpoint of endpoints.json answers with the reference shape', () => {
  it('covers all 43 entries', () => expect(endpoints).toHaveLength(43));

  for (const e of endpoints) {
    it(`${e.id}`, async () => {
      for (const { url, values } of expand(e)) {
        if (e.kind === 'list') {
          const key = e.records_key!;
          const first = await getJson(sim, `${url}?limit=5${e.id === 'licenses' ? '&withDataInsights=true' : ''}`);
          // Optional fields come and go between records (§18.37): check the union of all pages.
          const all = await pageAll(sim, `${url}?limit=50${e.id === 'licenses' ? '&withDataInsights=true' : ''}`, key);
          expect(all.length).toBeGreaterThan(0);
          expect(shapeProblems({ ...first, [key]: all }, shapeFor(e, values)!)).toEqual([]);
        } else if (e.kind === 'links' || e.kind === 'aggregate' || e.kind === 'presigned-url') {
          const body = await getJson(sim, url);
          expect(shapeProblems(body, shapeFor(e, values)!)).toEqual([]);
        } else if (e.kind === 'export') {
          for (const accept of e.formats ?? ['csv']) {
            const r = await get(sim, `${url}?accept=${accept}`);
            expect(r.status).toBe(200);
            const text = await r.text();
            if (accept === 'json') expect(Array.isArray(JSON.parse(text))).toBe(true);
            else expect(parseCsv(text)[0]!.length).toBeGreaterThan(1);
          }
        } else if (e.kind === 'async-export-start') {
          await startExport(e.path.replace('{developerId}', sim.developerId));
        } else if (e.kind === 'async-export-status' || e.kind === 'async-export-download') {
          // Started through its own start endpoint, then addressed by the documented path.
          const startPath = e.id.startsWith('licenses')
            ? 'licenses'
            : e.id.startsWith('transactions')
              ? 'sales/transactions'
              : 'marketing-attribution';
          const started = await startExport(`/rest/3/reporting/developer-space/${sim.developerId}/${startPath}/async/export`);
          const id = started.status.split('/').at(-2)!;
          const statusUrl = url.replace('EXPORT', id).replace(/\/$/, '');
          const target = e.kind === 'async-export-status' ? statusUrl : statusUrl;
          const statusBody = await getJson(sim, e.kind === 'async-export-status' ? target : `${sim.baseUrl}${started.status}`);
          expect(shapeProblems(statusBody, shapes['async-export-status']!)).toEqual([]);
          if (e.kind === 'async-export-download') {
            await getJson(sim, `${sim.baseUrl}${started.status}`);
            const r = await get(sim, target);
            expect(r.status).toBe(200);
            expect(Array.isArray(JSON.parse(await r.text()))).toBe(true);
          }
        } else if (e.kind === 'query') {
          const body = await getJson(sim, url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ granularity: 'WEEK', metrics: { metricFields: [{ name: 'INSTALL_COUNT' }] } }),
          });
          expect(shapeProblems(body, shapes[e.id]!)).toEqual([]);
        } else {
          throw new Error(`unhandled kind ${e.kind}`);
        }
      }
    });
  }

  it('serves the product catalog CSV with the 22 columns of §15 at the presigned URL', async () => {
    const { presignedUrl } = await getJson<{ presignedUrl: string }>(sim, `${sim.baseUrl}/rest/3/reporting/product-catalog/latest`);
    const r = await fetch(presignedUrl); // no credentials: it stands in for a signed S3 URL
    expect(r.status).toBe(200);
    const rows = parseCsv(await r.text());
    expect(rows[0]).toHaveLength(22);
    expect(rows.length - 1).toBe(sim.data.catalog().length);
  });

  it('answers the same data under /rest/3 and without it (links may lack the prefix)', async () => {
    const a = await getJson(sim, `${dsUrl(sim)}/licenses?limit=3`);
    const b = await getJson(sim, `${sim.baseUrl}/reporting/developer-space/${sim.developerId}/licenses?limit=3`);
    expect(b.licenses).toEqual(a.licenses);
  });
});
