import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, type RunningSimulator } from '../../../src/main/simulator';
import { authOf, control, dsUrl, get, getJson, pageAll, start } from './helpers';

let sim: RunningSimulator;
let ds: string;
beforeAll(async () => {
  sim = await start({ exportPolls: 2 });
  ds = dsUrl(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.control.setFaults('');
  sim.control.forbid([]);
});

// Tests read deep into API JSON; typing every sample shape here would only restate the reference.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type R = Record<string, any>;

describe('auth', () => {
  it('answers 401 to wrong credentials and to none', async () => {
    const bad = `Basic ${Buffer.from(`${sim.email}:wrong`).toString('base64')}`;
    expect((await fetch(`${ds}/licenses`, { headers: { authorization: bad } })).status).toBe(401);
    expect((await fetch(`${ds}/licenses`)).status).toBe(401);
    expect((await get(sim, `${ds}/licenses`)).status).toBe(200);
  });

  it('answers 403 for the reports the account may not view, and drops them from the root links', async () => {
    await control(sim, 'forbid?reports=sales');
    expect((await get(sim, `${ds}/sales/transactions`)).status).toBe(403);
    expect((await get(sim, `${ds}/licenses`)).status).toBe(403);
    expect((await get(sim, `${ds}/feedback/details`)).status).toBe(200);
    const root = await getJson<R>(sim, `${ds}/`);
    expect(root._links.licenses).toBeUndefined();
    expect(root._links.feedbackLinks).toBeDefined();
  });
});

describe('faults', () => {
  it('429 carries Retry-After, then the request succeeds', async () => {
    await control(sim, `faults?spec=${encodeURIComponent('429:next=1:retryAfter=7')}`);
    const r = await get(sim, `${ds}/licenses`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect((await get(sim, `${ds}/licenses`)).status).toBe(200);
  });

  for (const code of [500, 502, 503, 504]) {
    it(`${code} for the next N requests`, async () => {
      sim.control.setFaults(`${code}:next=2`);
      expect((await get(sim, `${ds}/licenses`)).status).toBe(code);
      expect((await get(sim, `${ds}/licenses`)).status).toBe(code);
      expect((await get(sim, `${ds}/licenses`)).status).toBe(200);
    });
  }

  it('a rate fires on about that share of requests', async () => {
    sim.control.setFaults('503:rate=0.5');
    let failed = 0;
    for (let k = 0; k < 60; k++) if ((await get(sim, `${ds}/feedback/details?limit=1`)).status === 503) failed++;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it('reset drops the connection mid-body', async () => {
    sim.control.setFaults('reset:next=1');
    await expect(get(sim, `${ds}/licenses`).then((r) => r.text())).rejects.toThrow();
    expect((await get(sim, `${ds}/licenses`)).status).toBe(200);
  });

  it('truncate ends the JSON half-way', async () => {
    sim.control.setFaults('truncate:next=1');
    const r = await get(sim, `${ds}/licenses`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('slow delays the answer', async () => {
    sim.control.setFaults('slow:ms=300:next=1');
    const t0 = performance.now();
    expect((await get(sim, `${ds}/licenses?limit=1`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it('malformed puts one broken record inside the next page only', async () => {
    sim.control.setFaults('malformed:next=1:path=/licenses');
    const bad = await getJson<R>(sim, `${ds}/licenses?limit=10`);
    expect(bad.licenses.filter((l: R) => typeof l.addonKey !== 'string')).toHaveLength(1);
    const good = await getJson<R>(sim, `${ds}/licenses?limit=10`);
    expect(good.licenses.every((l: R) => typeof l.addonKey === 'string')).toBe(true);
  });

  it('the spec parser names the bad part', () => {
    expect(() => parseFaultSpec('503:next=3,teapot')).toThrow(/teapot/);
    expect(() => parseFaultSpec('429:often=1')).toThrow(/often/);
  });

  it('the control path is 404 when not started for tests or demo', async () => {
    const plain = await start({ control: false });
    try {
      expect((await fetch(`${plain.baseUrl.replace('/marketplace', '')}/__sim/state`)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

async function startExport(kind = 'licenses'): Promise<{ id: string; status: string; download: string }> {
  const r = await getJson<R>(sim, `${ds}/${kind}/async/export?hosting=cloud`, { method: 'POST' });
  return { id: r.export.id, status: `${sim.baseUrl}${r._links.status.href}`, download: `${sim.baseUrl}${r._links.download.href}` };
}

async function pollUntil(url: string, done: (s: string) => boolean): Promise<string[]> {
  const seen: string[] = [];
  for (let k = 0; k < 20; k++) {
    const s = (await getJson<R>(sim, url)).export.status as string;
    seen.push(s);
    if (done(s)) return seen;
  }
  return seen;
}

describe('async exports', () => {
  it('moves QUEUED → IN_PROGRESS → COMPLETED; download before completion is 404 "Export is being processed"', async () => {
    const e = await startExport();
    const early = await get(sim, e.download);
    expect(early.status).toBe(404);
    expect(((await early.json()) as R).message).toBe('Export is being processed');
    expect(await pollUntil(e.status, (s) => s === 'COMPLETED')).toEqual(['QUEUED', 'IN_PROGRESS', 'COMPLETED']);
    const rows = (await (await get(sim, e.download)).json()) as R[];
    expect(rows).toEqual(sim.data.all('licences').filter((l) => l.hosting === 'Cloud'));
  });

  it('the same parameters give the same export id', async () => {
    expect((await startExport()).id).toBe((await startExport()).id);
  });

  it('FAILS on demand (fault and control path), and an export can get stuck', async () => {
    sim.control.setFaults('export-fail:next=1');
    const failed = await startExport('sales/transactions');
    expect((await pollUntil(failed.status, (s) => s === 'FAILED')).at(-1)).toBe('FAILED');
    expect((await get(sim, failed.download)).status).toBe(404);

    sim.control.setFaults('export-stuck:next=1');
    const stuck = await startExport('sales/transactions');
    const seen = await pollUntil(stuck.status, (s) => s === 'COMPLETED' || s === 'FAILED');
    expect(seen).toHaveLength(20);
    expect(new Set(seen.slice(1))).toEqual(new Set(['IN_PROGRESS']));
    await control(sim, `exports/${stuck.id}/fail`);
    expect((await getJson<R>(sim, stuck.status)).export.status).toBe('FAILED');
  });

  async function attributionExport(query: string): Promise<R[]> {
    const r = await getJson<R>(sim, `${ds}/marketing-attribution/async/export?${query}`, { method: 'POST' });
    const id = r.export.id as string;
    expect(r._links.status.href).toContain('/marketing-attribution/async/export/');
    expect(await pollUntil(`${ds}/async/export/${id}/status`, (s) => s === 'COMPLETED')).toContain('COMPLETED');
    return (await (await get(sim, `${ds}/async/export/${id}`)).json()) as R[];
  }

  it('marketing attribution: status and download at the generic paths, in windows of at most 90 days', async () => {
    const inWindow = (from: string, to: string) => sim.data.all('attribution').filter((a) => (a.evaluationStartDate as string) >= from && (a.evaluationStartDate as string) <= to);
    const rows = await attributionExport('startDate=2026-04-01&endDate=2026-06-29');
    expect(rows).toEqual(inWindow('2026-04-01', '2026-06-29'));
    expect(rows.length).toBeGreaterThan(0);
    // LIVE-API-NOTES: a window over 90 days silently drops the data.
    expect(await attributionExport('startDate=2026-04-01&endDate=2026-06-30')).toEqual([]);
    // Without dates: the last 90 days before the clock.
    expect(await attributionExport('')).toEqual(inWindow('2026-08-29', '2026-11-26'));
  });
});

describe('product catalog and partner metrics', () => {
  it('the presigned URL works without credentials and expires', async () => {
    const { presignedUrl } = await getJson<R>(sim, `${sim.baseUrl}/rest/3/reporting/product-catalog/latest`);
    expect((await fetch(presignedUrl)).status).toBe(200);
    expect((await fetch(presignedUrl.replace(/Signature=\w+/, 'Signature=bad'))).status).toBe(403);
    await control(sim, 'expire-urls');
    expect((await fetch(presignedUrl)).status).toBe(403);
  });

  it('validates the GMV rule with the documented 400 message', async () => {
    const post = (body: unknown) => fetch(`${sim.baseUrl}/rest/3/partner-metrics/developer-space/${sim.developerId}`, { method: 'POST', headers: { authorization: authOf(sim), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const filter = (values: string[]) => ({ expr: { andGroup: values.map((value) => ({ filter: { fieldName: 'APP_VERSION_TYPE', oneFilter: { stringFilter: { value } } } })) } });
    const bad = await post({ granularity: 'MONTH', metrics: { metricFields: [{ name: 'lifetime_gmv' }] }, attributesFilter: filter(['RUNS_ON_ATLASSIAN', 'NATIVE_APP']) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as R).message).toBe('Exactly single APP_VERSION_TYPE must be present in filter expression from (RUNS_ON_ATLASSIAN, NATIVE_APP or NON_HARMONISED)');
    expect((await post({ granularity: 'DAY', metrics: { metricFields: [{ name: 'INSTALL_COUNT' }] } })).status).toBe(400);
    const ok = (await (await post({ granularity: 'MONTH', metrics: { metricSets: [{ name: 'GMV' }] } })).json()) as R;
    expect(ok.records[0].lifetimeGmvAppVersionType).toBe('NON_HARMONISED_FORGE_VERSIONS');
    expect(ok.records[0].standardForgeAppVersionsGmv).toBeTypeOf('number');
  });
});

describe('the simulated clock', () => {
  it('advancing creates licences and sales, bumps lastUpdated on what changed, and rewrites silently', async () => {
    const own = await start({ scale: 800 });
    try {
      const before = own.data.all('licences');
      const txBefore = own.data.world.transactions.length;
      const evaluationsUrl = `${dsUrl(own)}/evaluations/hosting?startDate=2026-11-01&endDate=2026-12-31`;
      const countEvaluations = (body: R) => body.total.series.reduce((s: number, x: R) => s + x.elements.reduce((a: number, e: R) => a + e.count, 0), 0);
      const evaluationsBefore = countEvaluations(await getJson<R>(own, evaluationsUrl));
      const state = await control(own, 'advance?days=30');
      // Aggregates are cached per data version: the advance must show in them.
      expect(countEvaluations(await getJson<R>(own, evaluationsUrl))).toBeGreaterThan(evaluationsBefore);
      expect(state.now).toBe('2026-12-26');
      const after = own.data.all('licences');
      expect(after.length).toBeGreaterThan(before.length);
      expect(own.data.world.transactions.length).toBeGreaterThan(txBefore);
      const byId = new Map(before.map((l) => [l.appEntitlementId, JSON.stringify(l)]));
      const changed = after.filter((l) => byId.has(l.appEntitlementId) && byId.get(l.appEntitlementId) !== JSON.stringify(l));
      // Incremental sync must see what changed: every visible change either bumped lastUpdated…
      const bumped = changed.filter((l) => (l.lastUpdated as string) > '2026-11-26');
      expect(bumped.length).toBeGreaterThan(0);
      // …or is one of the silent rewrites the clock made (no bump).
      const rewritten = new Set((state.newRewrites as R[]).filter((r) => r.dataset === 'licences').map((r) => r.index));
      const silent = changed.filter((l) => (l.lastUpdated as string) <= '2026-11-26');
      expect(silent.length).toBeLessThanOrEqual(rewritten.size);
      const inc = await getJson<R>(own, `${dsUrl(own)}/licenses?lastUpdated=2026-11-27&limit=50`);
      expect(inc.totalCount).toBe(after.filter((l) => (l.lastUpdated as string) >= '2026-11-27').length);
    } finally {
      await own.close();
    }
  });

  it('a silent rewrite changes an old record without bumping lastUpdated', async () => {
    const own = await start({ scale: 800 });
    try {
      const before = own.data.all('licences');
      const tx = own.data.all('transactions');
      // Served once before the rewrite, so rendered record text is cached…
      expect(await pageAll(own, `${dsUrl(own)}/licenses?limit=50`, 'licenses')).toEqual(before);
      let rewrite = own.control.rewriteSilently();
      for (let k = 0; k < 20 && rewrite?.dataset !== 'licences'; k++) rewrite = own.control.rewriteSilently();
      expect(rewrite?.dataset).toBe('licences');
      const after = own.data.all('licences');
      const old = before.find((l) => l.appEntitlementId === after[rewrite!.index]!.appEntitlementId)!;
      const now = after[rewrite!.index]!;
      expect(now.lastUpdated).toBe(old.lastUpdated);
      expect(JSON.stringify(now)).not.toBe(JSON.stringify(old));
      // …and the next answer still shows the rewritten record.
      const served = await getJson<R>(own, `${dsUrl(own)}/licenses?offset=${rewrite!.index}&limit=1`);
      expect(served.licenses).toEqual([now]);
      const inc = await getJson<R>(own, `${dsUrl(own)}/licenses?lastUpdated=${'2026-11-01'}&text=${encodeURIComponent(now.appEntitlementNumber as string)}`);
      expect(inc.totalCount).toBe(0); // invisible to an incremental pull: reconciliation must find it
      expect(tx.length).toBe(own.data.world.transactions.length);
    } finally {
      await own.close();
    }
  });

  it('is deterministic: the same seed gives the same data', async () => {
    const a = await start({ seed: 7 });
    const b = await start({ seed: 7 });
    try {
      expect(b.data.all('transactions')).toEqual(a.data.all('transactions'));
      expect(b.developerId).toBe(a.developerId);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
