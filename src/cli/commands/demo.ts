import type { Command } from 'commander';
import { z } from 'zod';
import { resolveDataDir } from '../../main/paths';
import { spaceDbPath } from '../../main/store';
import { startDemoSource } from '../../main/sync/demo-source';
import { parseFlags, type CliIo } from '../io';
import { runCliSync } from './sync-run';
import { dataDirOption } from '../space-option';

const flagsSchema = z.object({
  scale: z.enum(['tiny', 'demo', 'large']).default('demo'),
  dataDir: z.string().min(1).optional(),
});

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Start the simulator in-process at demo scale, sync everything, print the summary')
    .option('--scale <scale>', 'tiny | demo | large', 'demo')
    .option(...dataDirOption)
    .action(async (raw: unknown) => {
      const flags = parseFlags(flagsSchema, raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      io.stderr.write(`Generating the demo developer space (${flags.scale} scale)…\n`);
      const demo = await startDemoSource({ scale: flags.scale });
      try {
        // The Demo space's own file: the app opens it when no account is chosen.
        const summary = await runCliSync(io, { dataDir, dbPath: spaceDbPath(dataDir, 'demo'), credentials: demo.credentials, full: false, waitMs: 0, settings: { exportPollMs: 50 } });
        if (summary.status === 'succeeded') io.stdout.write(`Demo data is in ${spaceDbPath(dataDir, 'demo')}. Open the app, or try \`mpdesk status\` and \`mpdesk export licences --format csv --out licences.csv\`.\n`);
      } finally {
        await demo.close();
      }
    });
}
