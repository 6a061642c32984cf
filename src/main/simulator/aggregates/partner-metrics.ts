/**
 * Partner metrics POST (ENDPOINTS.md §16): install counts and lifetime GMV per app and WEEK or
 * MONTH, validated against the grammar the reference shows. Installs are the app's active
 * licences at each bucket's start; GMV is the vendor amount sold up to the bucket's end.
 */
import { z } from 'zod';
import { addMonths, dayFromIso, isoFromDay, monthStart, weekStart } from '../data/dates';
import type { World } from '../data/world';
import { HttpError } from '../http/errors';
import { amountsOf } from '../records/transaction';
import { round2 } from './buckets';

const named = <T extends z.ZodType>(name: T) => z.array(z.object({ name }));
const metricField = z.string().transform((s) => s.toUpperCase()).pipe(z.enum(['INSTALL_COUNT', 'LIFETIME_GMV', 'NON_HARMONISED_FORGE_VERSIONS_LIFETIME_GMV', 'STANDARD_FORGE_VERSIONS_LIFETIME_GMV']));

export const partnerMetricsSchema = z.object({
  granularity: z.enum(['WEEK', 'MONTH']),
  attributes: named(z.enum(['PARENT_SOFTWARE', 'PARENT_SOFTWARE_VERSION', 'PARENT_SOFTWARE_MAJOR_VERSION', 'PARENT_SOFTWARE_MINOR_VERSION', 'APP_VERSION_TYPE'])).optional(),
  metrics: z
    .object({ metricFields: named(metricField).optional(), metricSets: named(z.literal('GMV')).optional() })
    .refine((m) => (m.metricFields?.length ?? 0) + (m.metricSets?.length ?? 0) > 0, 'metrics must name at least one metric'),
  attributesFilter: z
    .object({
      expr: z.object({
        andGroup: z.array(z.object({ filter: z.object({ fieldName: z.enum(['PRODUCT_ID', 'APP_VERSION_TYPE']), oneFilter: z.object({ stringFilter: z.object({ value: z.string() }) }) }) })),
      }),
    })
    .optional(),
  // The reference names dateRange but never shows its fields; these are the simulator's.
  dateRange: z.object({ startDate: z.string().optional(), endDate: z.string().optional() }).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  offset: z.number().int().min(0).optional(),
});
export type PartnerMetricsRequest = z.infer<typeof partnerMetricsSchema>;

export const gmvRuleMessage = 'Exactly single APP_VERSION_TYPE must be present in filter expression from (RUNS_ON_ATLASSIAN, NATIVE_APP or NON_HARMONISED)';
const versionTypes = ['RUNS_ON_ATLASSIAN', 'NATIVE_APP', 'NON_HARMONISED'] as const;
/** §18.43: the filter value NON_HARMONISED comes back as NON_HARMONISED_FORGE_VERSIONS. */
const versionTypeNames = { RUNS_ON_ATLASSIAN: 'RUNS_ON_ATLASSIAN', NATIVE_APP: 'NATIVE_APP', NON_HARMONISED: 'NON_HARMONISED_FORGE_VERSIONS' };
const versionShare = { RUNS_ON_ATLASSIAN: 0.55, NATIVE_APP: 0.1, NON_HARMONISED: 0.35 };
const parentVersions = [
  ['9.12.4', '9.x.x', '9.12.x', 0.5],
  ['10.3.1', '10.x.x', '10.3.x', 0.3],
  ['8.20.10', '8.x.x', '8.20.x', 0.2],
] as const;

export function partnerMetricsBody(world: World, body: unknown) {
  const parsed = partnerMetricsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttpError(400, `Invalid request body at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const req = parsed.data;
  const fields = new Set(req.metrics.metricFields?.map((m) => m.name) ?? []);
  if (req.metrics.metricSets?.length) {
    fields.add('LIFETIME_GMV');
    fields.add('NON_HARMONISED_FORGE_VERSIONS_LIFETIME_GMV');
    fields.add('STANDARD_FORGE_VERSIONS_LIFETIME_GMV');
  }
  const filters = req.attributesFilter?.expr.andGroup.map((g) => g.filter) ?? [];
  const typeValues = filters.filter((f) => f.fieldName === 'APP_VERSION_TYPE').map((f) => f.oneFilter.stringFilter.value);
  let versionType: (typeof versionTypes)[number] = 'NON_HARMONISED';
  if (fields.has('LIFETIME_GMV') && typeValues.length > 0) {
    const only = typeValues[0] as (typeof versionTypes)[number];
    if (typeValues.length !== 1 || !versionTypes.includes(only)) throw new HttpError(400, gmvRuleMessage);
    versionType = only;
  }
  const products = new Set(filters.filter((f) => f.fieldName === 'PRODUCT_ID').map((f) => f.oneFilter.stringFilter.value));
  const apps = world.apps.filter((a) => products.size === 0 || products.has(a.productId));
  const to = req.dateRange?.endDate ? dayFromIso(req.dateRange.endDate) : world.now;
  const from = req.dateRange?.startDate ? dayFromIso(req.dateRange.startDate) : to - (req.granularity === 'WEEK' ? 12 * 7 : 365);
  const starts: number[] = [];
  if (req.granularity === 'WEEK') for (let d = weekStart(from); d <= to; d += 7) starts.push(d);
  else for (let d = monthStart(from); d <= to; d = addMonths(d, 1)) starts.push(d);
  const ends = starts.map((s, k) => (k + 1 < starts.length ? starts[k + 1]! - 1 : to));

  const installs = apps.map(() => new Float64Array(starts.length));
  const gmv = apps.map(() => new Float64Array(starts.length));
  const slot = new Map(apps.map((a, k) => [a.index, k]));
  const L = world.licences;
  for (let i = 0; i < L.length; i++) {
    const k = slot.get(L.app[i]!);
    if (k === undefined) continue;
    const end = L.endDay[i]! >= 0 ? L.endDay[i]! : 1e9;
    starts.forEach((s, b) => {
      if (L.startDay[i]! <= s && end > s) installs[k]![b]!++;
    });
  }
  const T = world.transactions;
  for (let t = 0; t < T.length; t++) {
    const k = slot.get(L.app[T.licence[t]!]!);
    if (k === undefined) continue;
    const v = amountsOf(world, t).vendorAmount;
    ends.forEach((e, b) => {
      if (T.saleDay[t]! <= e) gmv[k]![b]! += v;
    });
  }

  const attrs = new Set(req.attributes?.map((a) => a.name) ?? []);
  const splitByVersion = attrs.has('PARENT_SOFTWARE_VERSION') || attrs.has('PARENT_SOFTWARE_MAJOR_VERSION') || attrs.has('PARENT_SOFTWARE_MINOR_VERSION');
  const records: Record<string, unknown>[] = [];
  starts.forEach((s, b) => {
    apps.forEach((app, k) => {
      const versions = splitByVersion ? parentVersions : ([[null, null, null, 1]] as const);
      let given = 0;
      versions.forEach((v, vi) => {
        const share = v[3];
        const count = vi === versions.length - 1 ? installs[k]![b]! - given : Math.floor(installs[k]![b]! * share);
        given += count;
        const r: Record<string, unknown> = { date: isoFromDay(s), appKey: app.addonKey, productId: app.productId };
        if (attrs.has('PARENT_SOFTWARE')) r.parentSoftware = ['Jira', 'Confluence', 'Jira Service Management', 'Bitbucket'][app.parentProduct];
        if (attrs.has('PARENT_SOFTWARE_VERSION')) r.parentSoftwareVersion = v[0];
        if (attrs.has('PARENT_SOFTWARE_MAJOR_VERSION')) r.parentSoftwareMajorVersions = v[1];
        if (attrs.has('PARENT_SOFTWARE_MINOR_VERSION')) r.parentSoftwareMinorVersions = v[2];
        if (fields.has('INSTALL_COUNT')) r.installCounts = count;
        const g = gmv[k]![b]! * share;
        if (fields.has('LIFETIME_GMV')) {
          r.lifetimeGmv = round2(g * versionShare[versionType]);
          r.lifetimeGmvAppVersionType = versionTypeNames[versionType];
        }
        if (fields.has('NON_HARMONISED_FORGE_VERSIONS_LIFETIME_GMV')) r.nonHarmonisedForgeVersionsGmv = round2(g * versionShare.NON_HARMONISED);
        if (fields.has('STANDARD_FORGE_VERSIONS_LIFETIME_GMV')) r.standardForgeAppVersionsGmv = round2(g * versionShare.RUNS_ON_ATLASSIAN);
        records.push(r);
      });
    });
  });
  const offset = req.offset ?? 0;
  return { records: records.slice(offset, offset + (req.limit ?? 1000)) };
}
