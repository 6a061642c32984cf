import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

export function registerSimulator(program: Command, io: CliIo): void {
  program
    .command('simulator')
    .description('Run the local Marketplace API simulator (demo data, tests, benchmarks)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--seed <seed>', 'seed of the generated data', '1')
    .option('--scale <scale>', 'tiny | demo | large | <number of licences>', 'demo')
    .option('--developer-id <id>', 'developer space ID (UUID) it answers for')
    .option('--email <email>', 'account e-mail it accepts')
    .option('--token <token>', 'API token it accepts (a test credential, not yours)')
    .option('--faults <spec>', 'faults to inject, e.g. "429:0.05,500:next=3"')
    .action(notYetAvailable(io, 'simulator'));
}
