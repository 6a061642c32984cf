/**
 * Paged lists, shaped like the reference samples including their inconsistencies
 * (ENDPOINTS.md §18): licences' `self` repeats the filters and a `prev` is always present;
 * transactions' `next` lacks the `/rest/3` prefix (LIVE-API-NOTES); sale-metric details have no
 * `totalCount`, churn and renewal put their links at the top level, and churn's `query`/`next`
 * are arrays.
 */
import type { World } from '../data/world';
import type { JsonRecord } from '../records/licence';
import type { PageWriter } from '../records/page-writer';
import { sources, type SelectionCache, type SourceId } from '../records/sources';
import { filterKey, type ListQuery } from './query';
import type { Reply } from './reply';

export interface ListContext {
  world: World;
  cache: SelectionCache;
  pages: PageWriter;
  q: ListQuery;
  /** The request's query string without offset/limit (for links). */
  filters: URLSearchParams;
  ds: string;
  /** Set by the fault layer: replace one record of this page with a malformed one. */
  malformed: boolean;
}

const templates: Record<string, string> = {
  licenses: '{?productId*,startDate,endDate,text,tier*,dateType,licenseType*,partnerType*,hosting*,status*,withAttribution,withDataInsights,includeAtlassianLicenses,lastUpdated,sortBy,order,offset,limit}',
  'sales/transactions': '{?productId*,startDate,endDate,text,tier*,saleType*,partnerType*,hosting*,billingPeriod*,lastUpdated,excludeZeroTransactions,includeManualInvoice,paymentStatus*,sortBy,order,offset,limit}',
  'feedback/details': '{?type*,anonymous,reason*,productId*,hosting*,appEdition*,startDate,endDate,text,offset,limit}',
  details: '{?productId*,hosting*,lastUpdated,partnerType*,text,startDate,endDate,sortBy,order,offset,limit}',
};

function withParams(base: string, params: URLSearchParams, extra: Record<string, string | number>): string {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

interface Page {
  total: number;
  hasNext: boolean;
  /** The page body around an envelope serialised as usual, with the records written in as bytes. */
  body(envelope: JsonRecord, key: string): Reply;
}

function page(ctx: ListContext, source: SourceId): Page {
  const rows = ctx.cache.select(ctx.world, source, ctx.q, filterKey(ctx.q));
  const from = Math.min(rows.length, ctx.q.offset);
  const end = Math.min(rows.length, ctx.q.offset + ctx.q.limit);
  const write = sources[source].write;
  const replace = ctx.malformed && end > from ? { at: Math.floor((end - from) / 2), text: JSON.stringify(malformedRecord()) } : undefined;
  return {
    total: rows.length,
    hasNext: end < rows.length,
    body(envelope, key) {
      const head = JSON.stringify(envelope);
      const prefix = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"${key}":[`;
      return { status: 200, raw: ctx.pages.join(rows, from, end, (w, row) => write(w, ctx.world, row, ctx.q), prefix, ']}', replace) };
    },
  };
}

/** A record a tolerant client must reject or quarantine: wrong types, missing keys. */
function malformedRecord(): JsonRecord {
  return { addonKey: 42, productId: null, lastUpdated: 'not-a-date', hosting: ['Cloud'] };
}

function exportLinks(path: string, params: URLSearchParams) {
  return [
    { href: withParams(`${path}/export`, params, { accept: 'csv' }), type: 'text/csv' },
    { href: withParams(`${path}/export`, params, { accept: 'json' }), type: 'application/json' },
  ];
}

export function licencesReply(ctx: ListContext): Reply {
  const p = page(ctx, 'licences');
  const { total, hasNext } = p;
  const path = `${ctx.ds}/licenses`;
  const { offset, limit } = ctx.q;
  const links: JsonRecord = {
    self: { href: withParams(path, ctx.filters, {}) },
    query: { href: `${path}${templates.licenses}`, templated: true },
    export: exportLinks(path, ctx.filters),
    prev: { href: withParams(path, ctx.filters, { offset: Math.max(0, offset - limit), limit }) },
  };
  if (hasNext) links.next = { href: withParams(path, ctx.filters, { offset: offset + limit, limit }) };
  return p.body({ _links: links, totalCount: total }, 'licenses');
}

export function transactionsReply(ctx: ListContext): Reply {
  const p = page(ctx, 'transactions');
  const { total, hasNext } = p;
  const path = `${ctx.ds}/sales/transactions`;
  const { offset, limit } = ctx.q;
  const links: JsonRecord = {
    self: { href: path },
    query: { href: `${path}${templates['sales/transactions']}`, templated: true },
    export: exportLinks(path, new URLSearchParams()),
  };
  if (offset > 0) links.prev = { href: withParams(path, ctx.filters, { offset: Math.max(0, offset - limit), limit }) };
  // LIVE-API-NOTES: `_links.next.href` may lack the `/rest/3` prefix.
  if (hasNext) links.next = { href: withParams(path.replace(/^\/rest\/3/, ''), ctx.filters, { offset: offset + limit, limit }) };
  return p.body({ _links: links, totalCount: total }, 'transactions');
}

export function feedbackReply(ctx: ListContext): Reply {
  const p = page(ctx, 'feedback');
  const { total, hasNext } = p;
  const path = `${ctx.ds}/feedback/details`;
  const { offset, limit } = ctx.q;
  const links: JsonRecord = {
    self: { href: path },
    query: { href: `${path}${templates['feedback/details']}`, templated: true },
    prev: { href: withParams(path, ctx.filters, { offset: Math.max(0, offset - limit), limit }) },
  };
  if (hasNext) links.next = { href: withParams(path, ctx.filters, { offset: offset + limit, limit }) };
  return p.body({ _links: links, totalCount: total }, 'feedback');
}

export function eventsReply(ctx: ListContext, metric: 'churn' | 'conversion' | 'renewal'): Reply {
  const p = page(ctx, metric);
  const { hasNext } = p;
  const path = `${ctx.ds}/sales/metrics/${metric}/details`;
  const query = { href: `${path}${templates.details}`, templated: true };
  // The reference's `next` carries only `offset` (§18.9): the client must not trust it to keep
  // its page size; the default page then applies.
  const next = { href: withParams(path, ctx.filters, { offset: ctx.q.offset + ctx.q.limit }) };
  const links: JsonRecord = {
    query: metric === 'churn' ? [query] : query,
    export: metric === 'churn' ? exportLinks(path, new URLSearchParams()) : [exportLinks(path, new URLSearchParams())[0]],
  };
  if (hasNext) links.next = metric === 'churn' ? [next] : next;
  // The conversion sample closes a `_links` wrapper around them; churn and renewal have none.
  return p.body(metric === 'conversion' ? { _links: links } : links, 'events');
}
