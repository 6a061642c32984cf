/**
 * File exports: sync `…/export?accept=csv|json` and the downloads of async exports. Records are
 * rendered in batches and streamed; CSV headers are the catalogue's column names (records.ts),
 * each value read from the column's JSON path, so a client maps CSV and JSON the same way.
 */
import { recordDatasets } from '../../../shared/catalogue/records';
import type { ColumnDef } from '../../../shared/catalogue/types';
import type { World } from '../data/world';
import type { JsonRecord } from '../records/licence';
import type { PageWriter } from '../records/page-writer';
import { sources, type SourceId } from '../records/sources';
import type { ListQuery } from './query';
import { csvLine, type Reply } from './reply';

const catalogueOf: Record<SourceId, string> = {
  licences: 'licences',
  transactions: 'transactions',
  churn: 'churn-events',
  conversion: 'conversion-events',
  renewal: 'renewal-events',
  feedback: 'feedback',
  attribution: 'marketing-attribution',
  freeStarter: 'free-starter-tier',
};

export function columnsOf(source: SourceId): readonly ColumnDef[] {
  return recordDatasets.find((d) => d.id === catalogueOf[source])!.columns;
}

/**
 * Reads the value at a dotted path; with several paths, the first one present (catalogue
 * semantics). Paths are split once: a CSV export reads ~50 columns of a million records.
 */
function pathReader(path: string | readonly string[]): (record: JsonRecord) => unknown {
  const paths = (typeof path === 'string' ? [path] : path).map((p) => p.split('.'));
  return (record) => {
    for (const keys of paths) {
      let v: unknown = record;
      for (const k of keys) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  };
}

export function exportReply(world: World, pages: PageWriter, source: SourceId, rows: Uint32Array, q: ListQuery, format: 'csv' | 'json'): Reply {
  const build = sources[source].build;
  if (format === 'json') {
    const write = sources[source].write;
    return {
      status: 200,
      contentType: 'application/json',
      chunks: function* () {
        yield '[';
        // Batches of 100 records (~150 KB), each written in place in the page writer's shared
        // blocks. 500-record (700 KB) buffers, each its own allocation, left a million-licence
        // export's process at over 1.5 GB resident.
        for (let k = 0; k < rows.length; k += 100) yield pages.join(rows, k, Math.min(k + 100, rows.length), (w, row) => write(w, world, row, q), k > 0 ? ',' : '');
        yield ']';
      },
    };
  }
  const columns = columnsOf(source);
  return {
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    chunks: function* () {
      yield csvLine(columns.map((c) => c.name));
      const readers = columns.map((c) => pathReader(c.path));
      for (let k = 0; k < rows.length; k += 500) {
        let out = '';
        for (let j = k; j < Math.min(k + 500, rows.length); j++) {
          const record = build(world, rows[j]!, q);
          out += csvLine(readers.map((read) => read(record)));
        }
        yield out;
      }
    },
  };
}

/** Small in-memory exports (search keywords): rows of flat objects. */
export function tableExport(rows: readonly Record<string, unknown>[], header: readonly string[], format: 'csv' | 'json'): Reply {
  if (format === 'json') return { status: 200, json: rows };
  return { status: 200, contentType: 'text/csv; charset=utf-8', chunks: function* () {
    yield csvLine(header);
    for (const r of rows) yield csvLine(header.map((h) => r[h]));
  } };
}
