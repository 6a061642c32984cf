/**
 * The one contract between the renderer and the main process: every IPC method (its request
 * schema in zod, its response type) and every main → renderer event, declared once. The main
 * side's handler table, the preload bridge and the renderer's typed `window.api` all derive
 * from this file, so a method cannot be called, handled or validated differently in two places.
 */
import { z } from 'zod';
import { recordDatasetIds } from './catalogue';
import type { Result } from './result';
import { dataMethod } from './contract-methods';
import { accountsMethods } from './contract-accounts';
import { exportProgressSchema, gridMethods } from './contract-grid';
import { syncMethods } from './contract-sync';
import { settingsMethods } from './contract-settings';
import { dashboardMethods } from './contract-dashboards';
import { dialogMethods } from './contract-dialogs';
import { maintenanceMethods } from './contract-maintenance';
import { appMethods, syncFinishedSchema } from './contract-app';

export { dataMethod, mainMethod, type MethodDef } from './contract-methods';

const empty = z.object({}).strict();

// ---- shared request pieces -------------------------------------------------------------------

export const datasetIdSchema = z.enum(recordDatasetIds);

export const sortModelSchema = z
  .array(z.object({ colId: z.string().min(1).max(64), sort: z.enum(['asc', 'desc']) }).strict())
  .max(8);

/** AG Grid's infinite row model asks for blocks `startRow..endRow` (end exclusive). */
export const gridRowsRequestSchema = z
  .object({
    dataset: datasetIdSchema,
    startRow: z.number().int().min(0).max(100_000_000),
    endRow: z.number().int().min(1).max(100_000_000),
    sortModel: sortModelSchema.default([]),
    columns: z.array(z.string().min(1).max(64)).max(200).optional(),
  })
  .strict()
  .refine((r) => r.endRow > r.startRow && r.endRow - r.startRow <= 1000, {
    message: 'endRow must be above startRow, at most 1000 rows per block',
  });

// ---- response types --------------------------------------------------------------------------

export interface AppInfo {
  version: string;
  platform: string;
  dataDir: string;
  spaceSchemaVersion: number;
}

export interface DatasetSummary {
  id: string;
  title: string;
  rowCount: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export type GridRow = Record<string, string | number | null>;

export interface GridRowsResponse {
  rows: GridRow[];
  /** Rows matching the request (for the scrollbar and the status bar). */
  rowCount: number;
  /** Rows in the data set. */
  totalCount: number;
}

// ---- the methods -----------------------------------------------------------------------------

export const methods = {
  'app.info': dataMethod<AppInfo>()(empty),
  'datasets.summary': dataMethod<DatasetSummary[]>()(empty),
  'grid.rows': dataMethod<GridRowsResponse>()(gridRowsRequestSchema),
  // Each domain declares its methods in its own file (contract-<domain>.ts).
  ...accountsMethods,
  ...syncMethods,
  ...gridMethods,
  ...settingsMethods,
  ...dashboardMethods,
  ...dialogMethods,
  ...maintenanceMethods,
  ...appMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = Methods[M]['response'];
export type DataMethodName = { [M in MethodName]: Methods[M]['owner'] extends 'data' ? M : never }[MethodName];
export type MainMethodName = Exclude<MethodName, DataMethodName>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ---- events (main → renderer) ----------------------------------------------------------------

export const events = {
  'sync.progress': z.object({
    dataset: z.string(),
    phase: z.string(),
    done: z.number(),
    total: z.number().nullable(),
    ratePerSecond: z.number().nullable(),
    etaSeconds: z.number().nullable(),
  }),
  'data.changed': z.object({ datasets: z.array(z.string()) }),
  'export.progress': exportProgressSchema,
  /** A menu item or global shortcut (main) asks the renderer to act. */
  'app.command': z.object({
    command: z.enum(['sync-now', 'focus-quick-filter', 'export-view', 'navigate', 'open-detail', 'open-settings', 'backup']),
    /** For `navigate`: the page route, e.g. `grid/licences` or `dashboard/revenue`. */
    target: z.string().optional(),
    /** For `navigate`: the account whose space the route is about (a notification's); switched to first. */
    accountId: z.string().optional(),
  }),
  /** Connectivity changed: the renderer shows "offline — data as of <time>". */
  'app.connectivity': z.object({ online: z.boolean(), since: z.string(), dataAsOf: z.string().nullable() }),
  /** A sync run ended (schedule or user): its account, outcome and news counts (notifications). */
  'sync.finished': syncFinishedSchema,
  /** Something the user should know that no request asked for (a damaged database set aside, …). */
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** A backup made from the app, page by page (SQLite's online backup API). */
  'backup.progress': z.object({ totalPages: z.number(), remainingPages: z.number() }),
  /** A move of the data directory: files and bytes copied so far (maintenance/move-data-dir.ts). */
  'move.progress': z.object({ file: z.string(), done: z.number(), total: z.number(), bytesDone: z.number(), bytesTotal: z.number() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

// ---- the bridge the preload exposes as `window.api` ------------------------------------------

export interface DeskApi {
  invoke<M extends MethodName>(method: M, request: RequestOf<M>): Promise<Result<ResponseOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
