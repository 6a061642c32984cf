import type { RecordDatasetId } from '../../shared/catalogue';
import type { CellValue, RecordDetail } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import { quoteIdent, recordMetaColumns as m, type Db } from '../store';
import { datasetOf, flagsExpression } from './columns';

/** One record: every catalogue field, the raw API record, its flags and its change history. */
export function readRecordDetail(db: Db, datasetId: RecordDatasetId, key: string): RecordDetail {
  const dataset = datasetOf(datasetId);
  const cols = dataset.columns.map((c) => quoteIdent(c.name));
  const row = db
    .prepare(
      `SELECT ${cols.join(', ')}, ${m.raw}, ${flagsExpression(dataset)}, ${m.firstSeen}, ${m.lastSeen}, ${m.goneSince}, ${m.changedAt} FROM ${quoteIdent(dataset.table)} WHERE ${m.key} = ?`,
    )
    .raw(true)
    .get(key) as CellValue[] | undefined;
  if (!row) throw new AppFailure('not_found', `No ${dataset.title.toLowerCase()} record with key "${key.slice(0, 100)}".`);
  const n = dataset.columns.length;
  let raw: unknown;
  try {
    raw = JSON.parse(String(row[n]));
  } catch {
    raw = String(row[n]);
  }
  const history = db
    .prepare(
      'SELECT field, old_value AS oldValue, new_value AS newValue, seen_at AS seenAt, sync_run_id AS syncRunId FROM change_history WHERE dataset = ? AND record_key = ? ORDER BY seen_at DESC, id DESC LIMIT 1000',
    )
    .all(dataset.id, key) as RecordDetail['history'];
  return {
    key,
    fields: dataset.columns.map((c, i) => ({ name: c.name, label: c.label, type: c.type, value: row[i] ?? null })),
    raw,
    flags: Number(row[n + 1]),
    firstSeen: String(row[n + 2]),
    lastSeen: String(row[n + 3]),
    goneSince: (row[n + 4] as string | null) ?? null,
    changedAt: (row[n + 5] as string | null) ?? null,
    history,
  };
}
