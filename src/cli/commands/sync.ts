import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

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
    .option('--data-dir <dir>', 'data directory (default: per OS, or MPDESK_DATA_DIR)')
    .action(notYetAvailable(io, 'sync'));
}
