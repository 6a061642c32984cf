import { endpointById, type AggregateEndpoint, type AggregateGroup, type EndpointId } from '../../../shared/catalogue';
import type { Db } from '../../store';
import { stopsTheSync } from '../client/errors';
import type { ApiClient, Query } from '../client/http-client';
import { eachAggregateRow, type SeriesRow } from './aggregate-flatten';
import { storeAggregate } from './aggregate-store';
import { isDiskFull } from './disk-full';
import type { EngineSettings } from './context';
import { addDays, maxDate } from './dates';
import { partnerMetricJobs } from './partner-metrics';
import type { ProgressTracker } from './progress';

export interface AggregateJob {
  endpoint: EndpointId;
  variant: string;
  /** The answer parsed, and its text as stored in the snapshot. */
  run(client: ApiClient): Promise<{ body: unknown; text: string }>;
  params: unknown;
}

export interface AggregateRange {
  from: string;
  to: string;
}

/** Every request an aggregate group makes: each endpoint × each path-parameter value. */
export function aggregateJobs(group: AggregateGroup, range: AggregateRange, productIds: readonly string[], settings: EngineSettings): AggregateJob[] {
  const jobs: AggregateJob[] = [];
  for (const e of group.endpoints) {
    if (e.shape === 'partner-metrics') {
      // The API computes partner metrics per request over every licence: bound the reach.
      jobs.push(...partnerMetricJobs(e.endpoint, { from: maxDate(range.from, addDays(range.to, -settings.partnerMetricsDays))!, to: range.to }));
      continue;
    }
    for (const pathParams of expandPathParams(e, productIds)) {
      const variant = Object.values(pathParams).join('/');
      const query = queryOf(e, range);
      jobs.push({ endpoint: e.endpoint, variant, params: { pathParams, query }, run: (client) => client.jsonWithText({ endpoint: e.endpoint, pathParams, query, label: `${e.endpoint}${variant ? ` (${variant})` : ''}` }) });
      if (e.exportEndpoint) {
        // The same data in the export form (kept as a snapshot: LIVE-API-NOTES says the
        // `_links.export` URLs of keywords are broken, so the export is built here, not followed).
        const exportEndpoint = e.exportEndpoint;
        const exportQuery = { ...query, accept: 'json' };
        jobs.push({ endpoint: exportEndpoint, variant, params: { pathParams, query: exportQuery }, run: (client) => client.jsonWithText({ endpoint: exportEndpoint, pathParams, query: exportQuery }) });
      }
    }
  }
  return jobs;
}

function expandPathParams(e: AggregateEndpoint, productIds: readonly string[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, values] of Object.entries(e.pathParams ?? {})) {
    const list = values === 'products' ? productIds : values;
    out = out.flatMap((p) => list.map((v) => ({ ...p, [name]: v })));
  }
  return out;
}

/** The date range, and weekly buckets where the endpoint aggregates (the dashboards re-bucket). */
function queryOf(e: AggregateEndpoint, range: AggregateRange): Query {
  const accepted = endpointById(e.endpoint).query;
  const q: Record<string, string> = {};
  if (accepted.includes('startDate')) q.startDate = range.from;
  if (accepted.includes('endDate')) q.endDate = range.to;
  if (accepted.includes('aggregation')) q.aggregation = 'week';
  return q;
}

/**
 * Runs one group's jobs one after another (groups run side by side, under the client's cap) and
 * stores each answer as it arrives; a failed job leaves that (endpoint, variant)'s previous
 * snapshot in place, the group's other jobs still run, and the group fails with the first error.
 * One at a time within a group: a group's answers are alike in size, and those of the metric
 * breakdowns are the largest (transactions by country ~11 MB, 175k rows at 1M licences) — all
 * of them at once held several parsed answers together in the sync's worker.
 */
export async function syncAggregateGroup(db: Db, client: ApiClient, jobs: readonly AggregateJob[], range: AggregateRange, progress: ProgressTracker): Promise<{ rows: number; endpoints: number }> {
  let rows = 0;
  let failure: { error: unknown } | null = null;
  for (const job of jobs) {
    try {
      const { body, text } = await job.run(client);
      // The export form is the same data as its list: kept as a snapshot, not as series.
      const isExport = endpointById(job.endpoint).kind === 'export';
      const eachRow = isExport ? () => {} : (emit: (row: SeriesRow) => void) => eachAggregateRow(body, range.to, emit);
      rows += storeAggregate(db, { endpoint: job.endpoint, variant: job.variant, params: job.params, raw: text, eachRow }, new Date().toISOString());
      progress.advance(1);
    } catch (e) {
      failure ??= { error: e };
      // What stops the sync (or a full disk) ends the group here; any other failure is this job's alone.
      if (stopsTheSync(e) || isDiskFull(e)) break;
    }
  }
  if (failure) throw failure.error;
  return { rows, endpoints: jobs.length };
}
