import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isRecordDatasetId, recordDatasetIds } from '../../shared/catalogue';
import { exportFormats, filterModelSchema, viewStateSchema, type ViewState } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import { checkExportTarget, exportView, planExport } from '../../main/export/export-view';
import { resolveDataDir } from '../../main/paths';
import { ensureGridSchemaOnce } from '../../main/query/ensure-once';
import { findViewByName } from '../../main/query/saved-views';
import { openDatabase } from '../../main/store';
import { UsageError } from '../exit-codes';
import { parseFlags, type CliIo } from '../io';
import { existingSpaceDbPath, resolveSpaceId, dataDirOption } from '../space-option';
import { openSpaceDatabase } from '../../main/space-database';

const flagsSchema = z.object({
  format: z.enum(exportFormats),
  out: z.string({ error: 'is required' }).min(1),
  filter: z.string().max(100_000).optional(),
  sort: z
    .string()
    .regex(/^[A-Za-z0-9_]+(:(asc|desc))?(,[A-Za-z0-9_]+(:(asc|desc))?)*$/, 'expected col:asc,col2:desc')
    .optional(),
  quick: z.string().max(200).optional(),
  columns: z
    .string()
    .regex(/^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$/, 'expected comma-separated column names')
    .optional(),
  view: z.string().min(1).max(100).optional(),
  space: z.string().min(1).max(200).optional(),
  dataDir: z.string().min(1).optional(),
});
type ExportFlags = z.infer<typeof flagsSchema>;

function parseFilter(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError('--filter: not valid JSON');
  }
}

/** The view to export: a saved view (if named) with the flags given on top of it. */
function viewFromFlags(flags: ExportFlags, base: ViewState): ViewState {
  const filter = flags.filter === undefined ? undefined : filterModelSchema.safeParse(parseFilter(flags.filter));
  if (filter && !filter.success) {
    const issue = filter.error.issues[0];
    throw new UsageError(`--filter: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid filter model'}`.trim());
  }
  return viewStateSchema.parse({
    ...base,
    ...(filter ? { filterModel: filter.data } : {}),
    ...(flags.sort ? { sortModel: flags.sort.split(',').map((s) => ({ colId: s.split(':')[0], sort: s.split(':')[1] ?? 'asc' })) } : {}),
    ...(flags.quick !== undefined ? { quickFilter: flags.quick } : {}),
    ...(flags.columns ? { columns: flags.columns.split(',') } : {}),
  });
}

function asUsageError(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure && e.code === 'validation') throw new UsageError(e.message);
    throw e;
  }
}

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export a data set (filtered, sorted, chosen columns) as CSV, XLSX or JSON')
    .argument('<dataset>', `data set id: ${recordDatasetIds.join(', ')}`)
    .option('--format <format>', 'csv | xlsx | json', 'csv')
    .option('--out <file>', 'file to write')
    .option('--filter <json>', 'filter model (JSON, AG Grid shapes), e.g. {"status":{"filterType":"set","values":["active"]}}')
    .option('--sort <spec>', 'sort, e.g. saleDate:desc,company:asc')
    .option('--quick <text>', 'quick filter text')
    .option('--columns <names>', 'comma-separated columns, in order')
    .option('--view <name>', 'a saved view (other flags override its parts)')
    .option('--space <name>', 'saved account to export from (default: the active one)')
    .option(...dataDirOption)
    .action(async (dataset: string, raw: unknown) => {
      if (!isRecordDatasetId(dataset)) throw new UsageError(`unknown data set "${String(dataset).slice(0, 64)}" (one of: ${recordDatasetIds.join(', ')})`);
      const flags = parseFlags(flagsSchema, raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      const path = existingSpaceDbPath(dataDir, resolveSpaceId(dataDir, flags.space));
      const now = new Date();
      // The writer connection brings the file up to date (migrations, full-text tables) and
      // reads the saved view; the export itself reads through its own snapshot.
      const writer = openSpaceDatabase(path);
      let view: ViewState;
      try {
        ensureGridSchemaOnce(writer);
        const base = flags.view ? findViewByName(writer, dataset, flags.view, now).state : viewStateSchema.parse({});
        view = viewFromFlags(flags, base);
        // Unknown columns or mistyped filters are bad flags (exit 2), found before any file is made.
        asUsageError(() => {
          checkExportTarget(resolve(flags.out));
          planExport(writer, dataset, view, now);
        });
      } finally {
        writer.close();
      }
      const reader = openDatabase(path, { readonly: true, role: 'reader' });
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const out = resolve(flags.out);
        const showProgress = io.stderr.isTTY === true;
        const result = await exportView({
          db: reader,
          dataset,
          view,
          format: flags.format,
          path: out,
          now,
          signal: controller.signal,
          progressIntervalMs: 500,
          onProgress: showProgress ? (p) => io.stderr.write(`\rExporting ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows`) : undefined,
        });
        if (showProgress) io.stderr.write('\n');
        io.stdout.write(`Exported ${result.rows} rows to ${result.path}\n`);
      } finally {
        process.off('SIGINT', onSignal);
        reader.close();
      }
    });
}
