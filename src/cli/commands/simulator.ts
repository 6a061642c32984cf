import type { Command } from 'commander';
import { z } from 'zod';
import { FaultSpecError, parseFaultSpec, startSimulator } from '../../main/simulator';
import { scaleSchema } from '../../main/simulator/data/scale';
import { parseFlags, type CliIo } from '../io';
import { UsageError } from '../exit-codes';

const faultsHelp = `
Faults (--faults SPEC, and at run time POST /__sim/faults?spec=SPEC when --control is on):
  SPEC   := RULE ("," RULE)*         RULE := KIND (":" OPTION)*
  KIND   := 429 | 500 | 502 | 503 | 504 | reset | truncate | slow | malformed | export-fail | export-stuck
  OPTION := rate=<0..1> | next=<n> | retryAfter=<s> | ms=<n> | path=<text>
  A rule without rate or next fires on every request.
  e.g. "429:rate=0.1:retryAfter=1,503:next=3,reset:next=1,slow:ms=3000:next=2,malformed:next=1,export-fail"
Control path (--control): POST /__sim/advance?days=N, /__sim/rewrite, /__sim/faults?spec=,
  /__sim/exports/{id}/fail, /__sim/forbid?reports=sales,other, /__sim/expire-urls; GET /__sim/state.
`;

const flagsSchema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  seed: z.coerce.number().int(),
  scale: scaleSchema,
  developerId: z.string().min(1).optional(),
  email: z.string().min(3).optional(),
  token: z.string().min(1).optional(),
  faults: z.string().optional(),
  control: z.boolean().optional(),
  exportPolls: z.coerce.number().int().min(0).optional(),
});

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export function registerSimulator(program: Command, io: CliIo): void {
  program
    .command('simulator')
    .description('Run the local Marketplace API simulator (demo data, tests, benchmarks)')
    .option('--host <host>', 'address to bind (loopback unless told otherwise)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--seed <seed>', 'seed of the generated data', '1')
    .option('--scale <scale>', 'tiny | demo | large | <number of licences>', 'demo')
    .option('--developer-id <id>', 'developer space ID (UUID) it answers for')
    .option('--email <email>', 'account e-mail it accepts')
    .option('--token <token>', 'API token it accepts (a test credential, not yours)')
    .option('--faults <spec>', 'faults to inject (grammar below)')
    .option('--control', 'serve the /__sim control path (tests and demo only)')
    .option('--export-polls <n>', 'status polls before an async export completes', '2')
    .addHelpText('after', faultsHelp)
    .action(async (raw: unknown) => {
      const flags = parseFlags(flagsSchema, raw);
      try {
        parseFaultSpec(flags.faults ?? '');
      } catch (e) {
        if (e instanceof FaultSpecError) throw new UsageError(`--faults: ${e.message}`);
        throw e;
      }
      const sim = await startSimulator({
        host: flags.host,
        port: flags.port,
        seed: flags.seed,
        scale: flags.scale,
        developerId: flags.developerId,
        email: flags.email,
        token: flags.token,
        faults: flags.faults ?? '',
        control: flags.control ?? false,
        exportPolls: flags.exportPolls ?? 2,
      });
      const s = sim.control.state();
      io.stdout.write(
        [
          `Marketplace simulator listening (generated ${s.licences} licences, ${s.transactions} transactions in ${(sim.generationMs / 1000).toFixed(1)} s; clock ${s.now})`,
          `  base URL:     ${sim.baseUrl}`,
          `  developerId:  ${sim.developerId}`,
          `  e-mail:       ${sim.email}`,
          `  token:        ${sim.token}`,
          flags.control ? `  control path: ${sim.baseUrl.replace(/\/marketplace$/, '')}/__sim/` : '',
          isLoopback(flags.host) ? '' : `  warning: listening on ${flags.host}, reachable beyond this machine (test credentials only)`,
          'Press Ctrl+C to stop.',
          '',
        ]
          .filter((l) => l !== '')
          .join('\n') + '\n',
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void sim.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      io.stdout.write('Simulator stopped.\n');
    });
}
