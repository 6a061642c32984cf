/**
 * The simulator against the reference's own JSON samples (fixtures/reference-samples.json,
 * extracted from marketplace-reporting-v3.txt by fixtures/extract-reference-samples.py, with the
 * syntax repairs of ENDPOINTS.md §18.2/§18.25/§18.28). Every field path of a sample must be in the
 * simulator's answer with a JSON type the sample has there.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator';
import { dsUrl, getJson, pageAll, start } from './helpers';
import { typesByPath } from './reference-shapes';

const samples = JSON.parse(readFileSync(new URL('./fixtures/reference-samples.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Sample defects the simulator does not copy (valid JSON, wrong nesting or placeholders). */
const sampleDefects: Record<string, { paths: RegExp; why: string }> = {
  'sales-metrics-churn': { paths: /^addons\[\]\.datasets\[\]\.(elements|uniqueTotal|name$)/, why: '§18.30: "Cancellations" misplaced as a dataset' },
  'sales-metrics-renewal': { paths: /^(total\.datasets\[\]\.elements|addons\[\]\.datasets\[\]\.series\[\]\.(series|name$))/, why: '§18.31: broken nesting' },
  'sales-metrics-conversion': { paths: /productId"/, why: '§18.27: bogus addon with an escaped quote in its key' },
};

/** The reference's money samples are integer-valued; the API's amounts are not (ENDPOINTS.md §9.1). */
const moneyPaths = /(purchasePrice|vendorAmount|partnerDiscountAmount|discounts\[\]\.amount|revenue|appRequestsApprovalRate|sale|salesYTD|previousMonthSale|Growth[A-Za-z]*|lifetimeGmv|Gmv)$/;

let sim: RunningSimulator;
let ds: string;
beforeAll(async () => {
  sim = await start({ exportPolls: 0 });
  ds = dsUrl(sim);
});
afterAll(() => sim.close());

async function post(url: string, body?: unknown): Promise<Record<string, unknown>> {
  return getJson(sim, url, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { method: 'POST' });
}

/** The simulator's answer for a sample key; lists are checked over all their pages. */
async function answerFor(key: string): Promise<unknown> {
  const [id, variant] = key.split(':');
  const list = async (path: string, recordsKey: string, query = '') => {
    const first = await getJson(sim, `${ds}/${path}?limit=5${query}`);
    return { ...first, [recordsKey]: await pageAll(sim, `${ds}/${path}?limit=50${query}`, recordsKey) };
  };
  switch (id) {
    case 'root-links':
      return getJson(sim, `${ds}/`);
    case 'feedback-details':
      return list('feedback/details', 'feedback');
    case 'licenses':
      return list('licenses', 'licenses', '&withDataInsights=true&withAttribution=true');
    case 'transactions':
      return list('sales/transactions', 'transactions');
    case 'sale-metric-details':
      return list(`sales/metrics/${variant}/details`, 'events');
    case 'licenses-async-export-start':
      return post(`${ds}/licenses/async/export?hosting=cloud&accept=csv`);
    case 'transactions-async-export-start':
      return post(`${ds}/sales/transactions/async/export`);
    case 'marketing-attribution-async-export-start':
      return post(`${ds}/marketing-attribution/async/export`);
    case 'licenses-async-export-status':
    case 'transactions-async-export-status':
    case 'marketing-attribution-async-export-status': {
      const path = id.startsWith('licenses') ? 'licenses' : id.startsWith('transactions') ? 'sales/transactions' : 'marketing-attribution';
      const started = (await post(`${ds}/${path}/async/export`)) as { export: { id: string } };
      const statusPath = path === 'marketing-attribution' ? `async/export/${started.export.id}/status` : `${path}/async/export/${started.export.id}/status`;
      return getJson(sim, `${ds}/${statusPath}`);
    }
    case 'partner-metrics-time-series':
      return post(`${sim.baseUrl}/rest/3/partner-metrics/developer-space/${sim.developerId}`, {
        granularity: 'WEEK',
        metrics: { metricFields: [{ name: 'INSTALL_COUNT' }] },
        attributesFilter: { expr: { andGroup: [{ filter: { fieldName: 'PRODUCT_ID', oneFilter: { stringFilter: { value: sim.data.world.apps[0]!.productId } } } }] } },
      });
    case 'product-catalog-latest':
      return getJson(sim, `${sim.baseUrl}/rest/3/reporting/product-catalog/latest`);
    case 'product-search-keywords':
      return getJson(sim, `${ds}/products/${sim.data.world.apps[0]!.productId}/search-keywords`);
    default: {
      const paths: Record<string, string> = {
        'evaluations-by-metric': `evaluations/${variant}`,
        'feedback-metrics': `feedback/metrics/${variant}`,
        'transactions-by-metric': `sales/transactions/${variant}`,
        'search-keywords-by-source': `search-keywords/source/${variant}`,
        'zero-search-results-keywords-by-source': `zero-search-results-keywords/source/${variant}`,
        'sales-metrics-churn': 'sales/metrics/churn',
        'sales-metrics-conversion': 'sales/metrics/conversion',
        'sales-metrics-renewal': 'sales/metrics/renewal',
        'churn-benchmark': 'sales/metrics/churn/benchmark',
        'evaluations-benchmark': 'benchmark/evaluations',
        'sales-benchmark': 'benchmark/sales',
        'customer-insights-regions': 'customer-insights/regions',
        'customer-insights-editions': 'customer-insights/editions',
        'customer-insights-active-users': 'customer-insights/active-users',
        'customer-insights-tiers': 'customer-insights/tiers',
        'search-keywords-aggregated': 'search-keywords',
        'app-requests-and-approvals': 'app-requests-and-approvals',
      };
      if (!paths[id!]) throw new Error(`no request for sample ${key}`);
      return getJson(sim, `${ds}/${paths[id!]}`);
    }
  }
}

function compatible(path: string, want: Set<string>, got: string): boolean {
  if (want.has(got)) return true;
  if (got === 'integer' && want.has('number')) return true;
  return got === 'number' && want.has('integer') && moneyPaths.test(path);
}

describe('answers carry every field of the reference samples, with their JSON types', () => {
  it('has a sample for every endpoint that documents one (exports and downloads document none)', () => expect(Object.keys(samples).length).toBeGreaterThanOrEqual(37));

  for (const [key, sample] of Object.entries(samples)) {
    it(key, async () => {
      const answer = typesByPath(await answerFor(key));
      const defect = sampleDefects[key.split(':')[0]!];
      const problems: string[] = [];
      for (const [path, want] of typesByPath(sample)) {
        if (defect?.paths.test(path)) continue;
        const got = answer.get(path);
        if (!got) problems.push(`missing ${path} (${[...want].join('|')})`);
        else for (const t of got) if (!compatible(path, want, t)) problems.push(`${path}: ${t}, sample ${[...want].join('|')}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
