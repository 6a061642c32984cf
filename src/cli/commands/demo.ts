import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Start the simulator in-process at demo scale, sync everything, print the summary')
    .option('--data-dir <dir>', 'data directory (default: per OS, or MPDESK_DATA_DIR)')
    .action(notYetAvailable(io, 'demo'));
}
