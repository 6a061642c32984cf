/**
 * File exports: sync `…/export?accept=csv|json` and the downloads of async exports. Records are
 * written in batches and streamed; CSV headers are the catalogue's column names (records.ts),
 * each value read from the column's JSON path (csv-rows.ts), so a client maps CSV and JSON the
 * same way.
 */
import { recordDatasets } from '../../../shared/catalogue/records';
import type { ColumnDef } from '../../../shared/catalogue/types';
import type { World } from '../data/world';
import { ByteWriter } from '../records/byte-writer';
import type { PageWriter } from '../records/page-writer';
import { CsvRows } from './csv-rows';
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

/** Where a CSV export writes each record's JSON before cutting its line (one at a time). */
const scratch = new ByteWriter();

export function exportReply(world: World, pages: PageWriter, source: SourceId, rows: Uint32Array, q: ListQuery, format: 'csv' | 'json'): Reply {
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
  const csv = new CsvRows(columns.map((c) => c.path));
  const write = sources[source].write;
  return {
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    chunks: function* () {
      yield csvLine(columns.map((c) => c.name));
      // Each record is written as JSON into a scratch writer and its line cut from those bytes.
      const line = (out: ByteWriter, row: number) => {
        scratch.pos = 0;
        scratch.reserve();
        write(scratch, world, row, q);
        csv.line(scratch.buf, 0, out);
      };
      for (let k = 0; k < rows.length; k += 200) yield pages.lines(rows, k, Math.min(k + 200, rows.length), line);
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
