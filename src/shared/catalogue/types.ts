/**
 * The data-set catalogue: one declaration per data set drives the SQLite tables, the SQL column
 * whitelist, the sync strategy and the grid columns. Adding a field is a one-line change.
 */
import type { EndpointId } from './endpoints';

export const columnTypes = ['text', 'number', 'money', 'date', 'enum', 'boolean', 'json'] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface ColumnDef {
  /** SQL identifier and grid field: `^[a-z][A-Za-z0-9]*$`, unique within the data set. */
  readonly name: string;
  readonly label: string;
  readonly type: ColumnType;
  /**
   * Dotted JSON path(s) into the API record. With several, the first one present wins; this is
   * how the reference's inconsistent shapes are absorbed (ENDPOINTS.md §18.33: churn events
   * carry licence fields at the top level, conversion/renewal events under `licenseDetails`).
   */
  readonly path: string | readonly string[];
  /**
   * Full-text (quick filter) indexed. Defaults to true for text columns, false otherwise: enum
   * values are served by facets, and each indexed word costs sync time and count time.
   */
  readonly searchable?: boolean;
  /** Holds personal data (contact names, e-mails, phones); never logged at info level. */
  readonly personal?: boolean;
  /**
   * An identity a partner pastes into the column filter (entitlement numbers, e-mails, ids,
   * hostnames): the column gets a case-insensitive index (query/indexes.ts), so its text filters
   * "equals" and "starts with" seek instead of scanning every row.
   */
  readonly lookup?: boolean;
}

export interface SortSpec {
  readonly column: string;
  readonly direction: 'asc' | 'desc';
}

export type RecordSyncStrategy =
  /** Async export for the first pull and reconciliation; `lastUpdated` list + overlap after. */
  | { readonly kind: 'export-then-incremental'; readonly listEndpoint: EndpointId; readonly exportEndpoints: readonly EndpointId[] }
  /** Date-windowed list pulls (the list has `startDate`/`endDate`). */
  | { readonly kind: 'date-windowed-list'; readonly listEndpoint: EndpointId; readonly exportEndpoints: readonly EndpointId[]; readonly pathParams?: Readonly<Record<string, string>> }
  /** A whole export each run (no list endpoint). */
  | { readonly kind: 'full-export'; readonly exportEndpoints: readonly EndpointId[] }
  /** Async export in windows of at most `windowDays` days. */
  | { readonly kind: 'windowed-async-export'; readonly exportEndpoints: readonly EndpointId[]; readonly windowDays: number; readonly earliest: string }
  /** A presigned URL to a CSV file, streamed. */
  | { readonly kind: 'presigned-csv'; readonly exportEndpoints: readonly EndpointId[] };

export interface RecordDataset {
  readonly kind: 'records';
  readonly id: string;
  /** SQL table name (whitelisted identifier). */
  readonly table: string;
  readonly title: string;
  readonly description: string;
  readonly endpoints: readonly EndpointId[];
  /**
   * Natural key: column names whose values, joined, identify a record. Where the first tuple has
   * a missing part, the next tuple is used (licences: entitlement id, else entitlement number).
   */
  readonly key: readonly (readonly string[])[];
  readonly columns: readonly ColumnDef[];
  readonly defaultSort: readonly SortSpec[];
  readonly defaultVisible: readonly string[];
  /** Column holding Atlassian's `lastUpdated` date, if the data set has one. */
  readonly lastUpdatedColumn?: string;
  readonly sync: RecordSyncStrategy;
  /** Fields that change without meaning anything to a partner; not recorded in the change history. */
  readonly bookkeepingColumns?: readonly string[];
}

export type AggregateShape =
  | 'metric-series' // total/addons → series → elements (§1.6)
  | 'metric-datasets' // total/addons → datasets → series → elements (churn, renewal)
  | 'benchmark-churn'
  | 'benchmark-evaluations'
  | 'benchmark-sales'
  | 'customer-insights'
  | 'keywords-by-source'
  | 'keywords-zero-results'
  | 'keywords-aggregated'
  | 'keywords-product'
  | 'app-requests'
  | 'partner-metrics'
  | 'links';

export interface AggregateEndpoint {
  readonly endpoint: EndpointId;
  readonly shape: AggregateShape;
  /** Path-parameter values to fan out over; `productId` fans out over the synced apps. */
  readonly pathParams?: Readonly<Record<string, readonly string[] | 'products'>>;
  /** Query parameters the endpoint honours beyond the date range. */
  readonly query?: readonly ('aggregation' | 'productId' | 'product')[];
  /** Export endpoint(s) that carry the same data in CSV/JSON. */
  readonly exportEndpoint?: EndpointId;
  /** Numeric fields of an element besides `count`. */
  readonly measures?: readonly string[];
}

export interface AggregateGroup {
  readonly kind: 'aggregates';
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly endpoints: readonly AggregateEndpoint[];
}

export type Dataset = RecordDataset | AggregateGroup;
