import { createFileLogger } from '../../main/logging';
import { acquireSyncLock } from '../../main/maintenance/sync-lock';
import { ensureGridSchemaOnce } from '../../main/query/ensure-once';
import type { ApiClientOptions, ApiCredentials } from '../../main/sync/client/http-client';
import { runSync, type EngineSettings, type SyncSummary } from '../../main/sync/engine';
import { exitCodes } from '../exit-codes';
import type { CliIo } from '../io';
import { createProgressDisplay, formatSummary } from './sync-display';
import { openSpaceDatabase } from '../../main/space-database';

export interface CliSyncOptions {
  dataDir: string;
  dbPath: string;
  credentials: ApiCredentials;
  datasets?: string[];
  full: boolean;
  /** Queue behind another sync of the same file for this long (0: fail at once). */
  waitMs: number;
  /** The space as the user named it, for the "already running" message. */
  label?: string;
  settings?: Partial<EngineSettings>;
  client?: Omit<ApiClientOptions, 'signal'>;
}

/**
 * One sync from the command line: the cross-process lock, progress on stderr, Ctrl-C cancels
 * (what was written stays, the next run resumes), the summary on stdout, and the exit code:
 * 0 only when every data set succeeded.
 */
export async function runCliSync(io: CliIo, options: CliSyncOptions): Promise<SyncSummary> {
  const release = await acquireSyncLock(options.dbPath, {
    waitMs: options.waitMs,
    label: options.label,
    hint: 'Wait for it to finish (the app or another mpdesk sync), or pass --wait to queue behind it.',
  });
  const logger = await createFileLogger(options.dataDir).catch(() => null);
  const db = openSpaceDatabase(options.dbPath);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const display = createProgressDisplay(io);
  try {
    ensureGridSchemaOnce(db);
    logger?.info({ datasets: options.datasets ?? 'all', full: options.full, baseUrl: options.credentials.baseUrl }, 'sync started');
    const summary = await runSync({
      db,
      credentials: options.credentials,
      datasets: options.datasets,
      full: options.full,
      signal: controller.signal,
      onProgress: (p) => display.update(p),
      settings: options.settings,
      client: {
        ...options.client,
        onRetry: (n) => {
          logger?.warn({ request: n.label, attempt: n.attempt, delayMs: n.delayMs, reason: n.reason }, 'retrying');
          options.client?.onRetry?.(n);
        },
      },
    });
    display.stop();
    logger?.info({ status: summary.status, seconds: summary.seconds, datasets: summary.datasets.map((d) => ({ id: d.id, status: d.status, rows: d.rows, ...d.counts, error: d.error?.message })) }, 'sync finished');
    io.stdout.write(formatSummary(summary));
    if (summary.status !== 'succeeded') io.exitCode = exitCodes.failure;
    return summary;
  } finally {
    display.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    db.close();
    logger?.flush();
    await release().catch(() => {});
  }
}
