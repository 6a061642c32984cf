import { z } from 'zod';
import { aggregateGroupIds, recordDatasetIds } from './catalogue';
import { dataMethod } from './contract-methods';

// Contract methods of the sync domain; merged into `methods` in contract.ts. Progress streams as
// the `sync.progress` event (data set, phase, done/total, rate, ETA); when a run ends the service
// emits `data.changed` with the data sets it wrote, and `sync.status` answers the rest.

export const syncDatasetIdSchema = z.enum([...recordDatasetIds, ...aggregateGroupIds] as [string, ...string[]]);

export const syncStartRequestSchema = z
  .object({
    /** Record data sets and aggregate groups to sync; all when absent. */
    datasets: z.array(syncDatasetIdSchema).min(1).max(64).optional(),
    /** Full reconciliation (async exports, vanished records marked) instead of a routine pull. */
    full: z.boolean().default(false),
  })
  .strict();

export interface SyncDatasetStatus {
  id: string;
  title: string;
  kind: 'records' | 'aggregates';
  /** Rows present (records not gone from the API), or stored series rows for aggregates. */
  rows: number;
  lastSuccessAt: string | null;
  lastFullAt: string | null;
  /** The newest `lastUpdated` stored (routine pulls re-read from here minus the overlap). */
  watermark: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Rows Atlassian no longer returns (kept, marked). */
  gone: number;
}

export interface SyncRunView {
  id: number;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface SyncStatusResponse {
  /** A sync of the open space is running in this service. */
  running: boolean;
  datasets: SyncDatasetStatus[];
  lastRun: SyncRunView | null;
}

export interface SyncStartResponse {
  /** False when a sync was already running (nothing new was started). */
  started: boolean;
  runId: number | null;
}

export const syncMethods = {
  'sync.start': dataMethod<SyncStartResponse>()(syncStartRequestSchema),
  'sync.cancel': dataMethod<{ cancelled: boolean }>()(z.object({}).strict()),
  'sync.status': dataMethod<SyncStatusResponse>()(z.object({}).strict()),
} as const;
