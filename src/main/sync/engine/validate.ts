import type { RecordDataset } from '../../../shared/catalogue';
import { flattenOrExplain, type FlatRecord } from '../../store/record-writer';
import { ApiError } from '../client/errors';

/**
 * Flattens a batch for writing, failing the whole batch on the first malformed record and
 * naming where it came from (endpoint, offset, record number). Flattening once here, not again
 * in the writer, keeps a bulk load's hot loop to one pass per record.
 */
export function flattenBatch(dataset: RecordDataset, records: readonly unknown[], where: (index: number) => string): FlatRecord[] {
  const flats: FlatRecord[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) flats[i] = flattenValid(dataset, records[i], where, i);
  return flats;
}

/** One record flattened, or the batch's failure naming where it came from. */
export function flattenValid(dataset: RecordDataset, record: unknown, where: (index: number) => string, index: number): FlatRecord {
  const f = flattenOrExplain(dataset, record);
  if ('problem' in f) throw new MalformedRecordError(`${where(index)}: malformed record — ${f.problem}. The other data sets continue; this one keeps its previous content.`);
  return f;
}

export class MalformedRecordError extends ApiError {
  constructor(message: string) {
    super('api.malformed', message);
  }
}
