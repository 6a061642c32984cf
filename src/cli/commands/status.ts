import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

export function registerStatus(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('Per data set: rows, last successful sync, watermark, last error')
    .option('--json', 'machine-readable output')
    .option('--data-dir <dir>', 'data directory (default: per OS, or MPDESK_DATA_DIR)')
    .action(notYetAvailable(io, 'status'));
}
