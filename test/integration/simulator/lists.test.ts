import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonRecord, RunningSimulator } from '../../../src/main/simulator';
import { dsUrl, get, getJson, pageAll, parseCsv, start } from './helpers';

let sim: RunningSimulator;
let ds: string;
beforeAll(async () => {
  sim = await start({ scale: 1500 });
  ds = dsUrl(sim);
});
afterAll(() => sim.close());

// Tests read deep into API JSON; typing every sample shape here would only restate the reference.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type R = Record<string, any>;
const keyOfTx = (t: R) => t.transactionLineItemId as string;
const keyOfLicence = (l: R) => l.appEntitlementId as string;
const hostingValue = { cloud: 'Cloud', datacenter: 'Data Center', server: 'Server' } as const;

describe('paging', () => {
  for (const [path, key, id] of [
    ['licenses', 'licenses', keyOfLicence],
    ['sales/transactions', 'transactions', keyOfTx],
    ['feedback/details', 'feedback', (f: R) => `${f.appEntitlementId}|${f.date}`],
  ] as const) {
    it(`${path}: following next yields exactly totalCount distinct records`, async () => {
      const first = await getJson(sim, `${ds}/${path}?limit=50`);
      const all = await pageAll(sim, `${ds}/${path}?limit=50`, key);
      expect(all.length).toBe(first.totalCount);
      expect(new Set(all.map((r) => id(r as R))).size).toBe(first.totalCount);
    });
  }

  it('caps limit at 50 and keeps a stable order', async () => {
    const a = await getJson<R>(sim, `${ds}/sales/transactions?limit=500`);
    expect(a.transactions).toHaveLength(50);
    const b = await getJson<R>(sim, `${ds}/sales/transactions?offset=25&limit=10`);
    expect(b.transactions).toEqual(a.transactions.slice(25, 35));
  });

  it('sale-metric details page to the brute-force event count (no totalCount, as the reference)', async () => {
    for (const metric of ['churn', 'conversion', 'renewal'] as const) {
      const all = await pageAll(sim, `${ds}/sales/metrics/${metric}/details?limit=50`, 'events');
      expect(all).toEqual(sim.data.all(metric));
    }
  });
});

describe('filters agree with a brute-force filter of the generated data', () => {
  const licences = () => sim.data.all('licences');
  const txs = () => sim.data.all('transactions');
  const cases: [string, string, () => JsonRecord[], (r: R) => boolean, (r: R) => string][] = [
    ['licenses', 'hosting=cloud&hosting=server', licences, (l) => l.hosting === 'Cloud' || l.hosting === 'Server', keyOfLicence],
    ['licenses', 'status=cancelled', licences, (l) => l.status === 'cancelled', keyOfLicence],
    ['licenses', 'licenseType=evaluation', licences, (l) => l.licenseType === 'EVALUATION', keyOfLicence],
    ['licenses', 'tier=10', licences, (l) => l.tier === '10 Users', keyOfLicence],
    ['licenses', 'partnerType=expert', licences, (l) => l.partnerDetails?.partnerType === 'Expert', keyOfLicence],
    ['licenses', 'lastUpdated=2026-06-01', licences, (l) => l.lastUpdated >= '2026-06-01', keyOfLicence],
    ['licenses', 'startDate=2025-01-01&endDate=2025-03-31', licences, (l) => l.maintenanceStartDate >= '2025-01-01' && l.maintenanceStartDate <= '2025-03-31', keyOfLicence],
    ['licenses', 'startDate=2025-01-01&endDate=2025-03-31&dateType=end', licences, (l) => l.maintenanceEndDate >= '2025-01-01' && l.maintenanceEndDate <= '2025-03-31', keyOfLicence],
    ['licenses', 'text=globex', licences, (l) => JSON.stringify([l.contactDetails.company]).toLowerCase().includes('globex'), keyOfLicence],
    ['sales/transactions', 'saleType=refund&saleType=upgrade', txs, (t) => ['Refund', 'Upgrade'].includes(t.purchaseDetails.saleType), keyOfTx],
    ['sales/transactions', 'hosting=datacenter', txs, (t) => t.purchaseDetails.hosting === hostingValue.datacenter, keyOfTx],
    ['sales/transactions', 'paymentStatus=open', txs, (t) => t.paymentStatus === 'Open', keyOfTx],
    ['sales/transactions', 'billingPeriod=monthly', txs, (t) => t.purchaseDetails.billingPeriod === 'Monthly', keyOfTx],
    ['sales/transactions', 'excludeZeroTransactions=true', txs, (t) => t.purchaseDetails.purchasePrice !== 0, keyOfTx],
    ['sales/transactions', 'startDate=2026-01-01&endDate=2026-02-28', txs, (t) => t.purchaseDetails.saleDate >= '2026-01-01' && t.purchaseDetails.saleDate <= '2026-02-28', keyOfTx],
    ['sales/transactions', 'startDate=2026-02-28&endDate=2026-01-01', txs, () => false, keyOfTx],
  ];
  for (const [path, query, all, keep, id] of cases) {
    it(`${path}?${query}`, async () => {
      const got = await pageAll(sim, `${ds}/${path}?${query}&limit=50`, path === 'licenses' ? 'licenses' : 'transactions');
      const want = all().filter((r) => keep(r as R));
      expect(got.map((r) => id(r as R)).sort()).toEqual(want.map((r) => id(r as R)).sort());
      if (!query.includes('startDate=2026-02-28')) expect(want.length).toBeGreaterThan(0); // a filter that matches nothing tests nothing
    });
  }

  it('productId filters by UUID, an app key silently matches nothing, repeated values are ORed', async () => {
    const [a, b] = sim.data.world.apps;
    const got = await pageAll(sim, `${ds}/licenses?productId=${a!.productId}&productId=${b!.productId}&limit=50`, 'licenses');
    expect(got.length).toBe(licences().filter((l) => [a!.productId, b!.productId].includes(l.productId as string)).length);
    const none = await getJson<R>(sim, `${ds}/licenses?productId=${a!.addonKey}`);
    expect(none.totalCount).toBe(0);
  });

  it('rejects a date that is not YYYY-MM-DD with 400', async () => {
    expect((await get(sim, `${ds}/licenses?lastUpdated=2026-13-01`)).status).toBe(400);
  });

  it('honours sortBy on licences but ignores order, as the live API does', async () => {
    const page = await getJson<R>(sim, `${ds}/licenses?sortBy=lastUpdated&order=desc&limit=50`);
    const dates = page.licenses.map((l: R) => l.lastUpdated);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe(sim.data.all('licences').map((l) => l.lastUpdated as string).sort()[0]);
  });

  it('sorts transactions by sale date descending when asked', async () => {
    const page = await getJson<R>(sim, `${ds}/sales/transactions?sortBy=saleDate&order=desc&limit=50`);
    const dates = page.transactions.map((t: R) => t.purchaseDetails.saleDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('exports equal the list contents', () => {
  it('licences JSON export equals the paged list, CSV rows match it field for field', async () => {
    const list = await pageAll(sim, `${ds}/licenses?hosting=cloud&limit=50`, 'licenses');
    const json = await (await get(sim, `${ds}/licenses/export?hosting=cloud&accept=json`)).json();
    expect(json).toEqual(list);
    const csv = parseCsv(await (await get(sim, `${ds}/licenses/export?hosting=cloud&accept=csv`)).text());
    const header = csv[0]!;
    expect(csv.length - 1).toBe(list.length);
    const col = (name: string) => header.indexOf(name);
    csv.slice(1).forEach((row, k) => {
      const l = list[k] as R;
      expect(row[col('appEntitlementId')]).toBe(l.appEntitlementId);
      expect(row[col('technicalContactAddress1')]).toBe(l.contactDetails.technicalContact.address1);
      expect(row[col('company')]).toBe(l.contactDetails.company);
    });
  });

  it('transactions CSV carries commas, quotes and newlines per RFC 4180', async () => {
    const text = await (await get(sim, `${ds}/sales/transactions/export`)).text();
    const rows = parseCsv(text);
    expect(rows.length - 1).toBe(sim.data.world.transactions.length);
    const feedback = await (await get(sim, `${ds}/feedback/details/export?accept=csv`)).text();
    const messages = parseCsv(feedback).slice(1).map((r) => r[parseCsv(feedback)[0]!.indexOf('message')]);
    expect(messages.some((m) => m!.includes('\n'))).toBe(true);
    expect(messages.some((m) => m!.includes('"'))).toBe(true);
    expect(messages.some((m) => m!.includes(','))).toBe(true);
  });
});

describe('aggregates agree with the records they summarise', () => {
  const sumSeries = (series: R[]) => series.reduce((s, x) => s + x.elements.reduce((a: number, e: R) => a + e.count, 0), 0);

  it('evaluations by hosting, country and region all total the evaluation licences started in range', async () => {
    const range = 'startDate=2026-01-01&endDate=2026-06-30';
    const want = sim.data.all('licences', { withDataInsights: true }).filter((l: R) => l.evaluationStartDate >= '2026-01-01' && l.evaluationStartDate <= '2026-06-30').length;
    for (const metric of ['hosting', 'country', 'region']) {
      const body = await getJson<R>(sim, `${ds}/evaluations/${metric}?${range}&aggregation=month`);
      expect(sumSeries(body.total.series)).toBe(want);
      expect(body.addons.reduce((s: number, a: R) => s + sumSeries(a.series), 0)).toBe(want);
    }
  });

  it('transactions by type: counts and revenue equal the transaction list', async () => {
    const range = 'startDate=2026-01-01&endDate=2026-03-31';
    const list = (await pageAll(sim, `${ds}/sales/transactions?${range}&limit=50`, 'transactions')) as R[];
    const body = await getJson<R>(sim, `${ds}/sales/transactions/type?${range}`);
    expect(sumSeries(body.total.series)).toBe(list.length);
    const revenue = body.total.series.reduce((s: number, x: R) => s + x.elements.reduce((a: number, e: R) => a + e.revenue, 0), 0);
    expect(revenue).toBeCloseTo(list.reduce((s, t) => s + t.purchaseDetails.vendorAmount, 0), 1);
  });

  it('churn cancellations and renewal counts equal the churn and renewal details', async () => {
    const range = 'startDate=2025-06-01&endDate=2026-05-31';
    const churn = await pageAll(sim, `${ds}/sales/metrics/churn/details?${range}&limit=50`, 'events');
    const renewals = await pageAll(sim, `${ds}/sales/metrics/renewal/details?${range}&limit=50`, 'events');
    const conversions = await pageAll(sim, `${ds}/sales/metrics/conversion/details?${range}&limit=50`, 'events');
    const c = await getJson<R>(sim, `${ds}/sales/metrics/churn?${range}`);
    const cancelled = c.total.datasets.flatMap((d: R) => d.series).filter((s: R) => s.name === 'Cancellations');
    expect(sumSeries(cancelled)).toBe(churn.length);
    const r = await getJson<R>(sim, `${ds}/sales/metrics/renewal?${range}`);
    expect(sumSeries(r.total.datasets.flatMap((d: R) => d.series).filter((s: R) => s.name === 'Renewals'))).toBe(renewals.length);
    const v = await getJson<R>(sim, `${ds}/sales/metrics/conversion?${range}`);
    expect(sumSeries(v.total.series.filter((s: R) => s.name === 'Conversions'))).toBe(conversions.length);
    expect(churn.length * renewals.length * conversions.length).toBeGreaterThan(0);
  });

  it('feedback metrics by reason total the feedback list', async () => {
    const range = 'startDate=2025-01-01&endDate=2026-11-26';
    const list = await pageAll(sim, `${ds}/feedback/details?${range}&limit=50`, 'feedback');
    const body = await getJson<R>(sim, `${ds}/feedback/metrics/reason?${range}`);
    expect(sumSeries(body.total.series)).toBe(list.length);
  });

  it('search keywords total is the sum of the apps', async () => {
    const body = await getJson<R>(sim, `${ds}/search-keywords`);
    expect(body.total.searchAppearances).toBe(body.addons.reduce((s: number, a: R) => s + a.searchAppearances, 0));
  });
});

describe('more filters and exports, against brute force', () => {
  const events = (m: 'churn' | 'conversion' | 'renewal') => sim.data.all(m) as R[];
  const eventKey = (e: R) => `${e.appEntitlementId ?? e.licenseDetails?.appEntitlementId}|${e.eventDate}|${e.transactionId}`;

  it('feedback: type, reason, appEdition, anonymous and dates', async () => {
    const all = sim.data.all('feedback') as R[];
    for (const [query, keep] of [
      ['type=uninstall&type=disable', (f: R) => ['uninstall', 'disable'].includes(f.feedbackType)],
      ['reason=cost', (f: R) => f.reasonKey === 'cost'],
      ['appEdition=advanced', (f: R) => f.appEdition === 'Advanced'],
      ['anonymous=true', (f: R) => f.message === ''],
      // LIVE-API-NOTES: "Data Center" is sometimes spelled "Data center"; the filter finds both.
      ['hosting=datacenter', (f: R) => f.hosting.toLowerCase() === 'data center'],
      ['startDate=2026-01-01&endDate=2026-06-30', (f: R) => f.date >= '2026-01-01' && f.date <= '2026-06-30'],
    ] as const) {
      const got = await pageAll(sim, `${ds}/feedback/details?${query}&limit=50`, 'feedback');
      const want = all.filter(keep);
      expect(want.length, query).toBeGreaterThan(0);
      expect(got, query).toEqual(want);
      if (query === 'hosting=datacenter') expect(new Set(got.map((f) => f.hosting))).toEqual(new Set(['Data Center', 'Data center']));
    }
  });

  it('sale-metric details: productId, lastUpdated, text and dates', async () => {
    const app = sim.data.world.apps[0]!;
    for (const metric of ['churn', 'conversion', 'renewal'] as const) {
      const all = events(metric);
      const sample = all[Math.floor(all.length / 2)]!;
      for (const [query, keep] of [
        [`productId=${app.productId}`, (e: R) => e.productId === app.productId],
        ['lastUpdated=2026-03-01', (e: R) => e.lastUpdated >= '2026-03-01'],
        [`text=${sample.transactionId}`, (e: R) => e.transactionId === sample.transactionId],
        ['startDate=2025-10-01&endDate=2026-03-31', (e: R) => e.eventDate >= '2025-10-01' && e.eventDate <= '2026-03-31'],
      ] as const) {
        const got = await pageAll(sim, `${ds}/sales/metrics/${metric}/details?${query}&limit=50`, 'events');
        expect(got.map(eventKey).sort(), `${metric}?${query}`).toEqual(all.filter(keep).map(eventKey).sort());
      }
    }
  });

  it('transactions: lastUpdated, text and partnerType', async () => {
    const all = sim.data.all('transactions') as R[];
    const sample = all[100]!;
    for (const [query, keep] of [
      ['lastUpdated=2026-09-01', (t: R) => t.lastUpdated >= '2026-09-01'],
      [`text=${sample.transactionId}`, (t: R) => t.transactionId === sample.transactionId],
      ['partnerType=reseller', (t: R) => t.partnerDetails?.partnerType === 'Reseller'],
    ] as const) {
      const got = await pageAll(sim, `${ds}/sales/transactions?${query}&limit=50`, 'transactions');
      const want = all.filter(keep);
      expect(want.length, query).toBeGreaterThan(0);
      expect(got.map((t) => keyOfTx(t as R)).sort(), query).toEqual(want.map(keyOfTx).sort());
    }
  });

  it('event, feedback and free-starter-tier exports equal their lists / data', async () => {
    for (const metric of ['churn', 'conversion', 'renewal'] as const) {
      const list = await pageAll(sim, `${ds}/sales/metrics/${metric}/details?limit=50`, 'events');
      expect(await (await get(sim, `${ds}/sales/metrics/${metric}/details/export?accept=json`)).json()).toEqual(list);
      const csv = parseCsv(await (await get(sim, `${ds}/sales/metrics/${metric}/details/export`)).text());
      expect(csv.length - 1).toBe(list.length);
    }
    const feedback = await pageAll(sim, `${ds}/feedback/details?limit=50`, 'feedback');
    expect(await (await get(sim, `${ds}/feedback/details/export?accept=json`)).json()).toEqual(feedback);
    const fst = parseCsv(await (await get(sim, `${ds}/sales/freeStarterTier/export?accept=csv`)).text());
    const want = sim.data.all('freeStarter') as R[];
    expect(want.length).toBeGreaterThan(0);
    expect(fst[0]).toEqual(Object.keys(want[0]!));
    expect(fst.slice(1).map((r) => r[0])).toEqual(want.map((r) => r.appEntitlementId));
  });
});
