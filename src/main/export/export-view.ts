import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { RecordDatasetId } from '../../shared/catalogue';
import type { CellValue, ExportFormat, ViewState } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import type { Db } from '../store';
import { allRowsSql, compileView, countSql } from '../query/build-query';
import { createSink } from './sinks';

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportViewOptions {
  /** A connection of its own (a reader): the export holds one read snapshot from count to last row. */
  db: Db;
  dataset: RecordDatasetId;
  view: ViewState;
  format: ExportFormat;
  path: string;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** How often progress is reported, at most (ms). */
  progressIntervalMs?: number;
  maxRowsPerSheet?: number;
  chunkSize?: number;
}

/** Refuses targets the export cannot write, before any work starts. */
export function checkExportTarget(path: string): void {
  if (!isAbsolute(path)) throw new AppFailure('validation', 'The export path must be absolute.');
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) {
    throw new AppFailure('validation', `The folder ${dirname(path)} does not exist.`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) throw new AppFailure('validation', `${path} is a folder.`);
}

/** Compiles the view and counts its rows: validation errors surface before anything is written. */
export function planExport(db: Db, dataset: RecordDatasetId, view: ViewState, now: Date) {
  const compiled = compileView(dataset, view, now);
  const count = countSql(compiled);
  return { compiled, total: (db.prepare(count.sql).get(...count.params) as { n: number }).n };
}

/**
 * Writes exactly the view — its filtered, sorted rows and visible columns in their order — to
 * `path`. Rows stream from SQLite (`iterate`) in chunks into the format's writer, so memory
 * stays flat; the file is written beside the target under a temporary name and renamed at
 * the end, so a cancelled or failed export leaves no half file.
 */
export async function exportView(options: ExportViewOptions): Promise<{ rows: number; path: string }> {
  checkExportTarget(options.path);
  const { db } = options;
  const temp = join(dirname(options.path), `.${basename(options.path)}.${randomBytes(4).toString('hex')}.part`);
  db.exec('BEGIN'); // one snapshot: the count and the rows agree even while a sync writes
  let sink: ReturnType<typeof createSink> | null = null;
  let done = 0;
  try {
    const { compiled, total } = planExport(db, options.dataset, options.view, options.now);
    sink = createSink(options.format, {
      path: temp,
      headers: compiled.columns.map((c) => c.label),
      names: compiled.columns.map((c) => c.name),
      ...(options.maxRowsPerSheet ? { maxRowsPerSheet: options.maxRowsPerSheet } : {}),
    });
    const built = allRowsSql(compiled);
    const chunkSize = options.chunkSize ?? 2000;
    const interval = options.progressIntervalMs ?? 200;
    let lastReport = 0;
    options.onProgress?.({ done: 0, total });
    let chunk: CellValue[][] = [];
    for (const row of db.prepare(built.sql).raw(true).iterate(...built.params) as IterableIterator<CellValue[]>) {
      chunk.push(row);
      if (chunk.length < chunkSize) continue;
      await sink.writeChunk(chunk);
      done += chunk.length;
      chunk = [];
      if (options.signal?.aborted) throw new AppFailure('cancelled', 'The export was cancelled.');
      if (performance.now() - lastReport >= interval) {
        lastReport = performance.now();
        options.onProgress?.({ done, total });
      }
    }
    await sink.writeChunk(chunk);
    done += chunk.length;
    if (options.signal?.aborted) throw new AppFailure('cancelled', 'The export was cancelled.');
    await sink.finish();
    renameSync(temp, options.path);
    options.onProgress?.({ done, total });
    return { rows: done, path: options.path };
  } catch (e) {
    await sink?.close();
    if (existsSync(temp)) unlinkSync(temp);
    throw e;
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}
