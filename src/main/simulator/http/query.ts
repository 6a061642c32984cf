/**
 * Query-string parsing with zod. Arrays are repeated parameters (LIVE-API-NOTES: a comma-joined
 * list is misread as "all", so a value with a comma simply matches nothing), filter values are
 * lowercase, dates are strict `YYYY-MM-DD`, and `limit` is silently capped at 50.
 */
import { z } from 'zod';
import { isIsoDate } from '../data/dates';
import { HttpError } from './errors';

/** The API's largest page (LIVE-API-NOTES: a bigger `limit` is silently capped). */
export const maxPageSize = 50;

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
const lowerList = z.array(z.string().transform((s) => s.toLowerCase())).default([]);
const bool = z.enum(['true', 'false']).transform((s) => s === 'true');

export const listQuerySchema = z.object({
  productId: z.array(z.string()).default([]),
  hosting: z.array(z.enum(['cloud', 'datacenter', 'server'])).default([]),
  status: lowerList,
  licenseType: lowerList,
  tier: lowerList,
  partnerType: lowerList,
  saleType: lowerList,
  paymentStatus: lowerList,
  billingPeriod: lowerList,
  appEdition: lowerList,
  type: lowerList,
  reason: lowerList,
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  dateType: z.enum(['start', 'end']).optional(),
  lastUpdated: isoDate.optional(),
  text: z.string().optional(),
  anonymous: bool.optional(),
  excludeZeroTransactions: bool.optional(),
  includeManualInvoice: bool.optional(),
  includeAtlassianLicenses: bool.optional(),
  withDataInsights: bool.optional(),
  withAttribution: bool.optional(),
  sortBy: z.string().optional(),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .default(maxPageSize)
    .transform((n) => Math.min(n, maxPageSize)),
  accept: z.enum(['csv', 'json']).optional(),
  aggregation: z.enum(['week', 'month', 'weekly', 'monthly', 'day', 'daily']).optional(),
  product: z.string().optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const arrayParams = new Set(['productId', 'hosting', 'status', 'licenseType', 'tier', 'partnerType', 'saleType', 'paymentStatus', 'billingPeriod', 'appEdition', 'type', 'reason']);
/** Values the API takes in lower case; the simulator lower-cases them before validating. */
const lowerScalars = new Set(['dateType', 'order', 'accept', 'aggregation', 'anonymous', 'excludeZeroTransactions', 'includeManualInvoice', 'includeAtlassianLicenses', 'withDataInsights', 'withAttribution']);

const pagingSchema = listQuerySchema.pick({ offset: true, limit: true });

/**
 * Filters parsed per query string without its paging: a sync pages through one filter thousands
 * of times, and validating the whole schema was a tenth of a small page's cost. Bounded.
 */
const parsedFilters = new Map<string, ListQuery>();
const maxParsedFilters = 256;

export function parseQuery(params: URLSearchParams): ListQuery {
  let key = '';
  const paging: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k === 'offset' || k === 'limit') {
      // Like the full parse: the first value of a parameter counts.
      paging[k] ??= v;
    } else key += `${encodeURIComponent(k)}=${encodeURIComponent(v)}&`;
  }
  let filters = parsedFilters.get(key);
  if (filters === undefined) {
    const rest = new URLSearchParams(params);
    rest.delete('offset');
    rest.delete('limit');
    filters = parseAll(rest);
    if (parsedFilters.size >= maxParsedFilters) parsedFilters.clear();
    parsedFilters.set(key, filters);
  }
  const q = { ...filters, ...checked(pagingSchema.safeParse(paging)) };
  // Lists copied too: the cached parse is shared by every page of the filter.
  for (const k of arrayParams) (q as Record<string, unknown>)[k] = [...(filters[k as keyof ListQuery] as string[])];
  return q;
}

function checked<T>(parsed: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }): T {
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(400, `Invalid query parameter ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function parseAll(params: URLSearchParams): ListQuery {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (!(key in listQuerySchema.shape)) continue; // unknown parameters are ignored, as the API does
    const values = params.getAll(key);
    if (arrayParams.has(key)) raw[key] = key === 'hosting' ? values.map((v) => v.toLowerCase()) : values;
    else raw[key] = lowerScalars.has(key) ? values[0]!.toLowerCase() : values[0];
  }
  return checked(listQuerySchema.safeParse(raw));
}

/** Canonical key of the filters (not the page) for caching filtered row sets. */
export function filterKey(q: ListQuery): string {
  const { offset: _o, limit: _l, accept: _a, ...rest } = q;
  return JSON.stringify(rest);
}
