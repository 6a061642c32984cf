import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('Export a data set (filtered, sorted, chosen columns) as CSV, XLSX or JSON')
    .argument('<dataset>', 'data set id, e.g. licences')
    .option('--format <format>', 'csv | xlsx | json', 'csv')
    .option('--out <file>', 'file to write')
    .option('--filter <json>', 'filter model (JSON)')
    .option('--sort <spec>', 'sort, e.g. saleDate:desc,company:asc')
    .option('--quick <text>', 'quick filter text')
    .option('--columns <names>', 'comma-separated columns, in order')
    .option('--view <name>', 'a saved view')
    .option('--data-dir <dir>', 'data directory (default: per OS, or MPDESK_DATA_DIR)')
    .action(notYetAvailable(io, 'export'));
}
