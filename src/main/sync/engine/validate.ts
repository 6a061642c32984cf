import { readPath, type RecordDataset } from '../../../shared/catalogue';
import { flattenRecord } from '../../store/record-writer';
import { ApiError } from '../client/errors';

const datePattern = /^\d{4}-\d{2}(-\d{2})?/;

/**
 * Why a record cannot be stored, or null when it can. Tolerant of what the reference documents
 * as varying (ENDPOINTS.md §18: fields under `licenseDetails` or at the top, "NA" in numeric
 * fields, absent optional blocks) and strict about what would corrupt the table: no natural key,
 * a list or object where a scalar belongs, a date that is not a date.
 */
export function describeMalformed(dataset: RecordDataset, record: unknown): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return 'the record is not a JSON object';
  for (const column of dataset.columns) {
    const value = readPath(record, column.path);
    if (value === undefined || value === null || value === '') continue;
    if (column.type !== 'json' && typeof value === 'object') return `field ${column.name} holds ${Array.isArray(value) ? 'a list' : 'an object'} where a single value belongs`;
    if (column.type === 'date' && (typeof value !== 'string' || !datePattern.test(value))) return `field ${column.name} is not a date (${JSON.stringify(value).slice(0, 40)})`;
  }
  if (!flattenRecord(dataset, record)) return `the record has no ${dataset.key.map((k) => k.join(' + ')).join(' or ')}`;
  return null;
}

/** Fails the whole batch on the first malformed record, naming where it came from. */
export function assertWellFormed(dataset: RecordDataset, records: readonly unknown[], where: (index: number) => string): void {
  records.forEach((record, i) => {
    const problem = describeMalformed(dataset, record);
    if (problem) throw new MalformedRecordError(`${where(i)}: malformed record — ${problem}. The other data sets continue; this one keeps its previous content.`);
  });
}

export class MalformedRecordError extends ApiError {
  constructor(message: string) {
    super('api.malformed', message);
  }
}
