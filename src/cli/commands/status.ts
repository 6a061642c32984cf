import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { resolveDataDir } from '../../main/paths';
import { spaceDbPath } from '../../main/store';
import { readLastRun, readSyncStatus } from '../../main/sync/status';
import { spaceIdFor } from '../../main/accounts/accounts-service';
import { UsageError } from '../exit-codes';
import { parseFlags, type CliIo } from '../io';
import { resolveSpaceId, dataDirOption } from '../space-option';
import { openSpaceDatabase } from '../../main/space-database';

const flagsSchema = z.object({
  json: z.boolean().default(false),
  space: z.string().min(1).max(200).optional(),
  baseUrl: z.string().min(1).max(2000).optional(),
  developerId: z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'expected the developer space id (a UUID)').optional(),
  dataDir: z.string().min(1).optional(),
});

export function registerStatus(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('Per data set: rows, last successful sync, watermark, last error')
    .option('--json', 'machine-readable output')
    .option('--space <name>', 'saved account to report on (default: the active one)')
    .option('--base-url <url>', 'with --developer-id: a space synced with `mpdesk sync --base-url` (no saved account)')
    .option('--developer-id <id>', 'developer space ID (UUID), with --base-url')
    .option(...dataDirOption)
    .action((raw: unknown) => {
      const flags = parseFlags(flagsSchema, raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      if (flags.baseUrl && !flags.developerId) throw new UsageError('--base-url: --developer-id is required too');
      const spaceId = flags.baseUrl && flags.developerId ? spaceIdFor(flags.developerId, flags.baseUrl) : resolveSpaceId(dataDir, flags.space);
      const path = spaceDbPath(dataDir, spaceId);
      if (!existsSync(path)) {
        if (flags.json) io.stdout.write(`${JSON.stringify({ space: spaceId, synced: false, datasets: [], lastRun: null })}\n`);
        else io.stdout.write(`Nothing synced yet for this space in ${dataDir}. Run \`mpdesk sync\` (or \`mpdesk demo\`).\n`);
        return;
      }
      const db = openSpaceDatabase(path);
      try {
        const datasets = readSyncStatus(db);
        const lastRun = readLastRun(db);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify({ space: spaceId, synced: true, datasets, lastRun }, null, 2)}\n`);
          return;
        }
        const header = ['data set', 'rows', 'gone', 'last success', 'watermark', 'last error'];
        const rows = datasets.map((d) => [d.id, d.rows.toLocaleString('en'), d.gone ? d.gone.toLocaleString('en') : '', d.lastSuccessAt ?? 'never', d.watermark ?? '', d.lastError ? `${d.lastErrorAt ?? ''} ${d.lastError}`.trim() : '']);
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 5 ? 0 : r[i]!.length))));
        const fmt = (r: string[]) => r.map((c, i) => (i === 5 ? c : i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
        io.stdout.write(`${[fmt(header), ...rows.map(fmt)].join('\n')}\n`);
        if (lastRun) io.stdout.write(`\nLast run #${lastRun.id} (${lastRun.mode}): ${lastRun.status}, started ${lastRun.startedAt}${lastRun.finishedAt ? `, finished ${lastRun.finishedAt}` : ''}${lastRun.error ? ` — ${lastRun.error}` : ''}\n`);
      } finally {
        db.close();
      }
    });
}
