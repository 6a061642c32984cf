import { aggregateGroups } from './aggregates';
import { recordDatasets } from './records';
import type { AggregateGroup, ColumnDef, Dataset, RecordDataset } from './types';

export * from './types';
export * from './endpoints';
export { recordDatasets } from './records';
export { aggregateGroups } from './aggregates';

export type RecordDatasetId = (typeof recordDatasets)[number]['id'];
export type AggregateGroupId = (typeof aggregateGroups)[number]['id'];

export const recordDatasetIds = recordDatasets.map((d) => d.id) as [RecordDatasetId, ...RecordDatasetId[]];
export const aggregateGroupIds = aggregateGroups.map((g) => g.id) as [AggregateGroupId, ...AggregateGroupId[]];

export const datasets: readonly Dataset[] = [...recordDatasets, ...aggregateGroups];

const recordById: ReadonlyMap<string, RecordDataset> = new Map(recordDatasets.map((d) => [d.id, d]));
const groupById: ReadonlyMap<string, AggregateGroup> = new Map(aggregateGroups.map((g) => [g.id, g]));

export function isRecordDatasetId(id: string): id is RecordDatasetId {
  return recordById.has(id);
}

export function recordDataset(id: RecordDatasetId): RecordDataset {
  const d = recordById.get(id);
  if (!d) throw new Error(`unknown record data set ${id}`);
  return d;
}

export function aggregateGroup(id: AggregateGroupId): AggregateGroup {
  const g = groupById.get(id);
  if (!g) throw new Error(`unknown aggregate group ${id}`);
  return g;
}

/** Columns whose text the quick filter searches (`searchable`, default: text columns). */
export function searchableColumns(dataset: RecordDataset): ColumnDef[] {
  return dataset.columns.filter((c) => c.searchable ?? c.type === 'text');
}

/** The column whitelist: a request naming anything else is refused before SQL is built. */
export function columnOf(dataset: RecordDataset, name: string): ColumnDef | undefined {
  return dataset.columns.find((c) => c.name === name);
}

/** Reads a column's value out of an API record, trying each of its paths in turn. */
export function readPath(record: unknown, path: string | readonly string[]): unknown {
  const paths = typeof path === 'string' ? [path] : path;
  for (const p of paths) {
    let value: unknown = record;
    for (const part of p.split('.')) {
      if (value === null || typeof value !== 'object') {
        value = undefined;
        break;
      }
      value = (value as Record<string, unknown>)[part];
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}
