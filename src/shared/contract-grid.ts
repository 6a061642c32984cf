import { z } from 'zod';
import { recordDatasetIds } from './catalogue';
import { dataMethod } from './contract-methods';

/**
 * Contract methods of the grid domain (queries, facets, record detail, saved views, exports);
 * merged into `methods` in contract.ts. The filter model follows AG Grid's shapes, plus a `set`
 * filter for the app's own facet filter (AG Grid's set filter is Enterprise-only).
 *
 * Semantics (the query service and its brute-force test agree on these):
 * - text: case-insensitive (ASCII) matching; `notEqual`/`notContains` also match blanks (as AG
 *   Grid does); blank = NULL or ''. `%`, `_` and `\` in values are literal.
 * - number/money: blanks match only `blank`; `inRange` is inclusive of both ends.
 * - date: compares the calendar day (UTC) of the stored value; `inRange` is inclusive; presets
 *   (`last30Days`, `thisMonth`, …) are computed in UTC against the service's clock.
 * - set: exact values; `null` in `values` selects blanks.
 */

const datasetId = z.enum(recordDatasetIds);
const columnName = z.string().min(1).max(64);
const shortText = z.string().max(500);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}([ T][0-9:.Z+-]*)?$/, 'expected a date YYYY-MM-DD').max(40);

export const textFilterTypes = ['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank'] as const;
export const numberFilterTypes = ['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank'] as const;
export const datePresets = ['today', 'yesterday', 'last7Days', 'last30Days', 'last90Days', 'last365Days', 'thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'lastYear'] as const;
export const dateFilterTypes = ['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank', ...datePresets] as const;

const textCondition = z
  .object({ filterType: z.literal('text'), type: z.enum(textFilterTypes), filter: shortText.nullish() })
  .strict()
  .refine((c) => c.type === 'blank' || c.type === 'notBlank' || typeof c.filter === 'string', { message: 'text filter needs a filter value' });

const finite = z.number().finite().min(-1e15).max(1e15);
const numberCondition = z
  .object({ filterType: z.literal('number'), type: z.enum(numberFilterTypes), filter: finite.nullish(), filterTo: finite.nullish() })
  .strict()
  .refine((c) => ['blank', 'notBlank'].includes(c.type) || typeof c.filter === 'number', { message: 'number filter needs a filter value' })
  .refine((c) => c.type !== 'inRange' || typeof c.filterTo === 'number', { message: 'inRange needs filterTo' });

const dateCondition = z
  .object({ filterType: z.literal('date'), type: z.enum(dateFilterTypes), dateFrom: day.nullish(), dateTo: day.nullish() })
  .strict()
  .refine((c) => !['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange'].includes(c.type) || typeof c.dateFrom === 'string', {
    message: 'date filter needs dateFrom',
  })
  .refine((c) => c.type !== 'inRange' || typeof c.dateTo === 'string', { message: 'inRange needs dateTo' });

export const setFilterSchema = z
  .object({ filterType: z.literal('set'), values: z.array(z.union([shortText, finite, z.boolean(), z.null()])).max(1000) })
  .strict();

function combined<T extends z.ZodType>(condition: T, filterType: string) {
  return z
    .object({ filterType: z.literal(filterType), operator: z.enum(['AND', 'OR']), conditions: z.array(condition).min(1).max(10) })
    .strict();
}

export const columnFilterSchema = z.union([
  textCondition,
  numberCondition,
  dateCondition,
  setFilterSchema,
  combined(textCondition, 'text'),
  combined(numberCondition, 'number'),
  combined(dateCondition, 'date'),
]);
export type ColumnFilter = z.infer<typeof columnFilterSchema>;

export const filterModelSchema = z
  .record(columnName, columnFilterSchema)
  .refine((m) => Object.keys(m).length <= 64, { message: 'at most 64 column filters' });
export type FilterModel = z.infer<typeof filterModelSchema>;

/** Data-quality hints; bit values of a row's `flags` number, and filterable via `flags`. */
export const qualityFlags = { rtbf: 1, zeroAmount: 2, sandbox: 4, changed: 8, gone: 16 } as const;
export type QualityFlag = keyof typeof qualityFlags;
const qualityFlagNames = Object.keys(qualityFlags) as [QualityFlag, ...QualityFlag[]];

export const gridSortSchema = z.array(z.object({ colId: columnName, sort: z.enum(['asc', 'desc']) }).strict()).max(8);

/** Everything that defines a view of a data set: what a saved view stores and an export writes. */
export const viewStateSchema = z
  .object({
    sortModel: gridSortSchema.default([]),
    filterModel: filterModelSchema.default({}),
    quickFilter: z.string().max(200).default(''),
    /** Visible columns in order; empty = the data set's default visible columns. */
    columns: z.array(columnName).max(200).default([]),
    /** true: only rows with the flag; false: only rows without. */
    flags: z.partialRecord(z.enum(qualityFlagNames), z.boolean()).default({}),
    /**
     * Only records first seen at or after this instant (UTC, e.g. a sync's start): what a
     * notification after a sync opens ("3 new sales" → those three rows).
     */
    firstSeenSince: z.iso.datetime({ message: 'firstSeenSince must be an ISO-8601 UTC timestamp such as 2026-11-26T08:00:00.000Z' }).optional(),
  })
  .strict();
export type ViewState = z.output<typeof viewStateSchema>;
export type ViewStateInput = z.input<typeof viewStateSchema>;

export const gridQueryRequestSchema = viewStateSchema
  .extend({ dataset: datasetId, startRow: z.number().int().min(0).max(100_000_000), endRow: z.number().int().min(1).max(100_000_000) })
  .strict()
  .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, { message: 'endRow must be above startRow, at most 1000 rows per block' });
export type GridQueryRequest = z.output<typeof gridQueryRequestSchema>;

export type CellValue = string | number | null;

/** The request of `grid.count`: a view's filters (its sort and columns do not change the count). */
export const gridCountRequestSchema = viewStateSchema.omit({ sortModel: true, columns: true }).extend({ dataset: datasetId }).strict();
export type GridCountRequest = z.output<typeof gridCountRequestSchema>;

export interface GridCounts {
  /** Rows matching the filters (for the scrollbar and the status bar). */
  rowCount: number;
  /** Rows in the data set. */
  totalCount: number;
}

/**
 * A block of rows as arrays (cheaper to clone across threads than objects): each row is
 * `[key, flags, ...values]` where values follow `columns`.
 */
export interface GridRowsBlock {
  columns: string[];
  rows: CellValue[][];
}

/** `grid.query`: a block and its exact counts in one answer (the CLI, tests, one-off reads). */
export interface GridQueryResponse extends GridRowsBlock, GridCounts {}

/**
 * `grid.block`: a block as soon as it is found, without waiting for the matching rows to be
 * counted (the grid shows it, then asks `grid.count`). `rowCount` is given when it was known
 * without counting (counted before for the data as it is now, an unfiltered view, a block that
 * ran out of rows at the top); null: ask `grid.count`.
 */
export interface GridBlockResponse extends GridRowsBlock {
  rowCount: number | null;
  totalCount: number;
}

export const gridFacetsRequestSchema = viewStateSchema
  .omit({ sortModel: true, columns: true })
  .extend({
    dataset: datasetId,
    columns: z.array(columnName).min(1).max(20),
    /** Only values containing this text (case-insensitive). */
    search: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type GridFacetsRequest = z.output<typeof gridFacetsRequestSchema>;

export interface FacetValue {
  value: CellValue;
  count: number;
}
/** Per column: value counts under the OTHER active filters, most frequent first. */
export type GridFacetsResponse = Record<string, { values: FacetValue[]; truncated: boolean }>;

export const gridRecordRequestSchema = z.object({ dataset: datasetId, key: z.string().min(1).max(500) }).strict();
export interface RecordDetail {
  key: string;
  fields: { name: string; label: string; type: string; value: CellValue }[];
  raw: unknown;
  flags: number;
  firstSeen: string;
  lastSeen: string;
  goneSince: string | null;
  changedAt: string | null;
  history: { field: string; oldValue: string | null; newValue: string | null; seenAt: string; syncRunId: number | null }[];
}

const viewName = z.string().trim().min(1).max(100);
export interface SavedView {
  id: number;
  dataset: string;
  name: string;
  state: ViewState;
  /** Set when the stored state no longer fits the catalogue (the view then shows defaults). */
  problem: string | null;
  createdAt: string;
  updatedAt: string;
}

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportStartRequestSchema = z
  .object({ dataset: datasetId, view: viewStateSchema, format: z.enum(exportFormats), path: z.string().min(1).max(4096) })
  .strict();
export interface ExportStarted {
  exportId: string;
  rowCount: number;
}

export const gridMethods = {
  'grid.query': dataMethod<GridQueryResponse>()(gridQueryRequestSchema),
  'grid.block': dataMethod<GridBlockResponse>()(gridQueryRequestSchema),
  'grid.count': dataMethod<GridCounts>()(gridCountRequestSchema),
  'grid.facets': dataMethod<GridFacetsResponse>()(gridFacetsRequestSchema),
  'grid.record': dataMethod<RecordDetail>()(gridRecordRequestSchema),
  'views.list': dataMethod<SavedView[]>()(z.object({ dataset: datasetId }).strict()),
  'views.save': dataMethod<SavedView>()(z.object({ dataset: datasetId, name: viewName, state: viewStateSchema, overwrite: z.boolean().default(false) }).strict()),
  'views.rename': dataMethod<SavedView>()(z.object({ id: z.number().int().positive(), name: viewName }).strict()),
  'views.delete': dataMethod<{ deleted: boolean }>()(z.object({ id: z.number().int().positive() }).strict()),
  'export.start': dataMethod<ExportStarted>()(exportStartRequestSchema),
  'export.cancel': dataMethod<{ cancelled: boolean }>()(z.object({ exportId: z.string().min(1).max(64) }).strict()),
} as const;

/** Payload of the `export.progress` event. */
export const exportProgressSchema = z.object({
  exportId: z.string(),
  phase: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  path: z.string(),
  error: z.string().nullable(),
});
