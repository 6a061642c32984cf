import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { CellValue, ExportFormat } from '../../shared/contract-grid';
import { csvLines } from './csv-text';

/** Where exported rows go: rows arrive in chunks; `finish` flushes, `close` releases on failure. */
export interface RowSink {
  writeChunk(rows: readonly CellValue[][]): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

export interface SinkOptions {
  path: string;
  /** Column headers in order (labels) and field names (JSON keys). */
  headers: readonly string[];
  names: readonly string[];
  /** Rows per XLSX sheet including the header row (Excel's limit by default). */
  maxRowsPerSheet?: number;
}

export const excelRowLimit = 1_048_576;

async function writeText(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

async function endStream(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

function closeStream(out: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed || out.closed) return resolve();
    out.once('close', () => resolve());
    out.destroy();
  });
}

/** CSV (see csv-text.ts), with a UTF-8 BOM so Excel reads non-ASCII names correctly. */
function csvSink(options: SinkOptions): RowSink {
  // Large buffered writes: one write per chunk of rows, a 1 MiB stream buffer before back-pressure.
  const out = createWriteStream(options.path, { highWaterMark: 1 << 20 });
  out.write(`\ufeff${csvLines([options.headers as string[]])}`);
  return {
    async writeChunk(rows) {
      if (rows.length > 0) await writeText(out, csvLines(rows));
    },
    finish: () => endStream(out),
    close: () => closeStream(out),
  };
}

/** A JSON array of objects keyed by field name, written one object at a time. */
function jsonSink(options: SinkOptions): RowSink {
  const out = createWriteStream(options.path);
  let first = true;
  return {
    async writeChunk(rows) {
      if (rows.length === 0) return;
      let text = first ? '[' : '';
      for (const row of rows) {
        const obj: Record<string, CellValue> = {};
        options.names.forEach((name, i) => (obj[name] = row[i] ?? null));
        text += `${first ? '\n' : ',\n'}${JSON.stringify(obj)}`;
        first = false;
      }
      if (text) await writeText(out, text);
    },
    async finish() {
      await writeText(out, first ? '[]\n' : '\n]\n');
      await endStream(out);
    },
    close: () => closeStream(out),
  };
}

/** XLSX by exceljs's streaming writer; past the sheet row limit a new sheet continues. */
function xlsxSink(options: SinkOptions): RowSink {
  const limit = options.maxRowsPerSheet ?? excelRowLimit;
  const out = createWriteStream(options.path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  let sheet: ExcelJS.Worksheet | null = null;
  let sheetRows = 0;
  let sheets = 0;
  const startSheet = () => {
    sheet?.commit();
    sheets++;
    sheet = workbook.addWorksheet(sheets === 1 ? 'Export' : `Export ${sheets}`);
    sheet.addRow(options.headers as string[]).commit();
    sheetRows = 1;
  };
  return {
    async writeChunk(rows) {
      for (const row of rows) {
        if (!sheet || sheetRows >= limit) startSheet();
        sheet!.addRow(row as CellValue[]).commit();
        sheetRows++;
      }
      // Let the zip stream drain between chunks.
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async finish() {
      if (!sheet) startSheet();
      sheet!.commit();
      await workbook.commit();
      if (!out.writableFinished) await once(out, 'finish');
    },
    close: () => closeStream(out),
  };
}

export function createSink(format: ExportFormat, options: SinkOptions): RowSink {
  switch (format) {
    case 'csv':
      return csvSink(options);
    case 'json':
      return jsonSink(options);
    case 'xlsx':
      return xlsxSink(options);
  }
}
