/** The sync engine's public face: `runSync` and the types its callers (CLI, data service, scheduler) need. */
export { runSync, defaultSettings, aggregateRange, type SyncOptions, type SyncSummary, type DatasetOutcome } from './run-sync';
export type { SyncProgress, ProgressListener } from './progress';
export type { EngineSettings, DatasetCounts } from './context';
export type { SyncHighlights } from './highlights';
export { readDatasetState, type DatasetState } from './state';
