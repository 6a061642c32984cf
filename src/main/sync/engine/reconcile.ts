/** Date bounds and live row counts of record tables (aggregate ranges, summaries). */
import type { RecordDataset } from '../../../shared/catalogue';
import { quoteIdent, recordMetaColumns as m, type Db } from '../../store';

export function oldestDate(db: Db, dataset: RecordDataset, column: string): string | null {
  if (!dataset.columns.some((c) => c.name === column)) return null;
  const row = db.prepare(`SELECT min(${quoteIdent(column)}) AS v FROM ${quoteIdent(dataset.table)} WHERE ${quoteIdent(column)} >= '1990'`).get() as { v: string | null };
  return row.v ? row.v.slice(0, 10) : null;
}

export function countRows(db: Db, dataset: RecordDataset): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(dataset.table)} WHERE ${m.goneSince} IS NULL`).get() as { n: number }).n;
}
