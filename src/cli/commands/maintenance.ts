import type { Command } from 'commander';
import { resolve } from 'node:path';
import { z } from 'zod';
import { currentLogFile, logDir } from '../../main/logging';
import { backupDatabase, restoreDatabase } from '../../main/maintenance/backup';
import { acquireSyncLock } from '../../main/maintenance/sync-lock';
import { resolveDataDir } from '../../main/paths';
import { spaceDbPath } from '../../main/store';
import { parseFlags, type CliIo } from '../io';
import { existingSpaceDbPath, resolveSpaceId, dataDirOption } from '../space-option';
import { openSpaceDatabase } from '../../main/space-database';

const common = { space: z.string().min(1).max(200).optional(), dataDir: z.string().min(1).optional() };

function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

export function registerMaintenance(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description("Back up a space's local database to a file (SQLite online backup; safe while syncing)")
    .requiredOption('--out <file>', 'file to write')
    .option('--space <name>', 'saved account to back up (default: the active one)')
    .option(...dataDirOption)
    .action(async (raw: unknown) => {
      const flags = parseFlags(z.object({ ...common, out: z.string().min(1) }), raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      const path = existingSpaceDbPath(dataDir, resolveSpaceId(dataDir, flags.space));
      const db = openSpaceDatabase(path);
      try {
        const out = resolve(flags.out);
        const { bytes } = await backupDatabase(db, out);
        io.stdout.write(`Backed up ${path}\n       to ${out} (${formatBytes(bytes)})\n`);
      } finally {
        db.close();
      }
    });

  program
    .command('restore')
    .description("Replace a space's local database with a backup (quit the app first)")
    .requiredOption('--from <file>', 'backup file made by `mpdesk backup`')
    .option('--space <name>', 'saved account to restore into (default: the active one)')
    .option(...dataDirOption)
    .action(async (raw: unknown) => {
      const flags = parseFlags(z.object({ ...common, from: z.string().min(1) }), raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      const target = spaceDbPath(dataDir, resolveSpaceId(dataDir, flags.space));
      const release = await acquireSyncLock(target);
      try {
        const { keptAt } = restoreDatabase(resolve(flags.from), target);
        io.stdout.write(`Restored ${target} from ${resolve(flags.from)}\n`);
        if (keptAt) io.stdout.write(`The previous database is kept as ${keptAt}\n`);
      } finally {
        await release();
      }
    });

  program
    .command('logs')
    .description('Where the log files are')
    .option('--path', 'print the path of the current log file')
    .option(...dataDirOption)
    .action((raw: unknown) => {
      const flags = parseFlags(z.object({ path: z.boolean().optional(), dataDir: common.dataDir }), raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      const file = currentLogFile(dataDir);
      if (flags.path) {
        io.stdout.write(`${file ?? logDir(dataDir)}\n`);
        return;
      }
      io.stdout.write(file ? `Current log file: ${file}\nAll logs: ${logDir(dataDir)}\n` : `No log file yet. Logs are written to ${logDir(dataDir)}\n`);
    });
}
