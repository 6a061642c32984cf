import { Option, type Command } from 'commander';
import { z } from 'zod';
import { syncDatasetIdSchema } from '../../shared/contract-sync';
import { AppFailure } from '../../shared/result';
import { spaceIdFor } from '../../main/accounts/accounts-service';
import { getAccountRow } from '../../main/accounts/repository';
import { registerSecret } from '../../main/logging';
import { resolveDataDir } from '../../main/paths';
import { appDbPath, openAppDatabase, spaceDbPath } from '../../main/store';
import type { ApiCredentials } from '../../main/sync/client/http-client';
import { startDemoSource } from '../../main/sync/demo-source';
import { UsageError } from '../exit-codes';
import { parseFlags, type CliIo } from '../io';
import { resolveSpaceId, dataDirOption } from '../space-option';
import { runCliSync } from './sync-run';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const flagsSchema = z
  .object({
    space: z.string().min(1).max(200).optional(),
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    developerId: z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'expected the developer space id (a UUID)').optional(),
    email: z.string().min(3).max(320).regex(/^[^@\s]+@[^@\s]+$/, 'expected an e-mail address').optional(),
    datasets: z.string().min(1).optional(),
    full: z.boolean().default(false),
    wait: z.boolean().default(false),
    dataDir: z.string().min(1).optional(),
    concurrency: z.coerce.number().int().min(1).max(16).optional(),
    timeout: z.coerce.number().int().min(1).max(3600).optional(),
    // Hidden, for tests against a simulator with its own clock and fast exports.
    today: isoDate.optional(),
    exportPollMs: z.coerce.number().int().min(0).max(600_000).optional(),
    exportTimeout: z.coerce.number().int().min(1).max(86_400).optional(),
    // Hidden, for tests that stop a sync between two batches of one export.
    exportBatchRows: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .refine((f) => !(f.space && f.baseUrl), { message: '--space and --base-url exclude each other', path: ['space'] })
  .refine((f) => !f.baseUrl || (f.developerId && f.email), { message: 'with --base-url, --developer-id and --email are required too', path: ['base-url'] });
type SyncFlags = z.infer<typeof flagsSchema>;

export function parseDatasets(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!syncDatasetIdSchema.safeParse(id).success) throw new UsageError(`--datasets: unknown data set "${id.slice(0, 64)}" (one of: ${syncDatasetIdSchema.options.join(', ')})`);
  }
  if (ids.length === 0) throw new UsageError('--datasets: name at least one data set');
  return [...new Set(ids)];
}

export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description('Sync data sets from the Marketplace API into the local database')
    .option('--space <name>', 'saved account (developer space) to sync; its token comes from the keychain')
    .option('--base-url <url>', 'API base URL (with --developer-id and --email; token from MPDESK_API_TOKEN)')
    .option('--developer-id <id>', 'developer space ID (UUID)')
    .option('--email <email>', 'Atlassian account e-mail')
    .option('--datasets <ids>', 'comma-separated data set ids (default: all)')
    .option('--full', 'full reconciliation instead of an incremental pull')
    .option('--wait', 'if another sync of this data is running, wait for it (up to 30 min) instead of failing')
    .option('--concurrency <n>', 'requests in flight at once (default 4)')
    .option('--timeout <seconds>', 'give up on a request after this many seconds without data (default 60)')
    .option(...dataDirOption)
    .addOption(new Option('--today <date>').hideHelp())
    .addOption(new Option('--export-poll-ms <ms>').hideHelp())
    .addOption(new Option('--export-timeout <seconds>').hideHelp())
    .addOption(new Option('--export-batch-rows <n>').hideHelp())
    .action(async (raw: unknown) => {
      const flags = parseFlags(flagsSchema, raw);
      const datasets = parseDatasets(flags.datasets);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      const source = await resolveSource(io, dataDir, flags);
      try {
        await runCliSync(io, {
          dataDir,
          dbPath: spaceDbPath(dataDir, source.spaceId),
          credentials: source.credentials,
          datasets,
          full: flags.full,
          waitMs: flags.wait ? 30 * 60_000 : 0,
          label: flags.space ?? flags.developerId ?? 'the active account',
          settings: {
            ...(flags.today ? { today: flags.today } : {}),
            ...(flags.exportPollMs !== undefined ? { exportPollMs: flags.exportPollMs } : {}),
            ...(flags.exportTimeout ? { exportTimeoutMs: flags.exportTimeout * 1000 } : {}),
            ...(flags.exportBatchRows ? { exportBatchRows: flags.exportBatchRows } : {}),
          },
          client: { ...(flags.concurrency ? { concurrency: flags.concurrency } : {}), ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}) },
        });
      } finally {
        await source.close();
      }
    });
}

interface Source {
  spaceId: string;
  credentials: ApiCredentials;
  close(): Promise<void>;
}

/** Where to sync from: explicit flags + MPDESK_API_TOKEN, a saved account, or the Demo space. */
async function resolveSource(io: CliIo, dataDir: string, flags: SyncFlags): Promise<Source> {
  const envToken = io.env.MPDESK_API_TOKEN?.trim() || undefined;
  if (envToken) registerSecret(envToken);
  if (flags.baseUrl) {
    if (!envToken) throw new UsageError('with --base-url, put the API token in the MPDESK_API_TOKEN environment variable (never on the command line)');
    const credentials = { baseUrl: flags.baseUrl, developerId: flags.developerId!, email: flags.email!, token: envToken };
    return { spaceId: spaceIdFor(credentials.developerId, credentials.baseUrl), credentials, close: async () => {} };
  }
  const spaceId = resolveSpaceId(dataDir, flags.space);
  if (spaceId === 'demo') {
    const demo = await startDemoSource();
    return { spaceId, credentials: demo.credentials, close: demo.close };
  }
  return { spaceId, credentials: await savedCredentials(dataDir, spaceId, envToken), close: async () => {} };
}

/** A saved account's token from the keychain; MPDESK_API_TOKEN stands in where there is no keychain (a server). */
async function savedCredentials(dataDir: string, spaceId: string, envToken: string | undefined): Promise<ApiCredentials> {
  const { openLocalAccounts } = await import('../../main/accounts');
  const local = openLocalAccounts(dataDir);
  try {
    return await local.accounts.resolveCredentials(spaceId);
  } catch (e) {
    if (!(envToken && e instanceof AppFailure && e.code === 'keychain.unavailable')) throw e;
    const db = openAppDatabase(appDbPath(dataDir));
    try {
      const row = getAccountRow(db, spaceId)!;
      return { baseUrl: row.baseUrl, developerId: row.developerId, email: row.email, token: envToken };
    } finally {
      db.close();
    }
  } finally {
    local.close();
  }
}
