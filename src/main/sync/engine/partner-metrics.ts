import type { EndpointId } from '../../../shared/catalogue';
import type { ApiClient } from '../client/http-client';
import type { AggregateJob, AggregateRange } from './aggregate-sync';

/** The reference's partner-metrics page limit (ENDPOINTS.md §16: limit up to 1000). */
const limit = 1000;

const gmvTypes = ['RUNS_ON_ATLASSIAN', 'NATIVE_APP', 'NON_HARMONISED'] as const;

/**
 * Partner metrics (POST): install counts by week — in total and by parent product major and
 * minor version — and lifetime GMV by month for each of the three app version types (the API
 * answers GMV for exactly one type per request, §16).
 */
export function partnerMetricJobs(endpoint: EndpointId, range: AggregateRange): AggregateJob[] {
  const dateRange = { startDate: range.from, endDate: range.to };
  const installs = (variant: string, attribute?: string): AggregateJob => {
    const body = { granularity: 'WEEK', metrics: { metricFields: [{ name: 'INSTALL_COUNT' }] }, ...(attribute ? { attributes: [{ name: attribute }] } : {}), dateRange };
    return { endpoint, variant, params: body, run: (client) => fetchAll(client, endpoint, variant, body) };
  };
  const gmv = (type: (typeof gmvTypes)[number]): AggregateJob => {
    const body = {
      granularity: 'MONTH',
      metrics: { metricSets: [{ name: 'GMV' }] },
      attributesFilter: { expr: { andGroup: [{ filter: { fieldName: 'APP_VERSION_TYPE', oneFilter: { stringFilter: { value: type } } } }] } },
      dateRange,
    };
    const variant = `gmv-month-${type.toLowerCase().replace(/_/g, '-')}`;
    return { endpoint, variant, params: body, run: (client) => fetchAll(client, endpoint, variant, body) };
  };
  return [
    installs('installs'),
    installs('installs-major', 'PARENT_SOFTWARE_MAJOR_VERSION'),
    installs('installs-minor', 'PARENT_SOFTWARE_MINOR_VERSION'),
    ...gmvTypes.map(gmv),
  ];
}

/** Every page's records, kept as one answer (its snapshot is the records of all pages). */
async function fetchAll(client: ApiClient, endpoint: EndpointId, variant: string, body: object): Promise<{ body: { records: unknown[] }; text: string }> {
  const records: unknown[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = (await client.json({ endpoint, body: { ...body, limit, offset }, label: `${endpoint} (${variant}) at offset ${offset}` })) as { records?: unknown } | null;
    const list = Array.isArray(page?.records) ? page.records : [];
    records.push(...list);
    if (list.length < limit) return { body: { records }, text: JSON.stringify({ records }) };
  }
}
