import type { Command } from 'commander';
import type { CliIo } from '../io';
import { notYetAvailable } from './pending';

export function registerAccounts(program: Command, io: CliIo): void {
  const accounts = program.command('accounts').description('Manage saved developer spaces (tokens live in the OS keychain)');
  accounts
    .command('add')
    .description('Add an account; the token is read from a hidden prompt or stdin, never an argument')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--developer-id <id>', 'developer space ID (UUID)')
    .requiredOption('--email <email>', 'Atlassian account e-mail')
    .option('--base-url <url>', 'API base URL', 'https://api.atlassian.com/marketplace')
    .action(notYetAvailable(io, 'accounts add'));
  accounts.command('list').description('List saved accounts').option('--json', 'machine-readable output').action(notYetAvailable(io, 'accounts list'));
  accounts.command('test').argument('<name>').description('Check an account’s credentials against the API').action(notYetAvailable(io, 'accounts test'));
  accounts.command('rotate').argument('<name>').description('Replace an account’s API token').action(notYetAvailable(io, 'accounts rotate'));
  accounts
    .command('remove')
    .argument('<name>')
    .description('Remove an account and its keychain entry')
    .option('--delete-data', 'also delete its local data')
    .action(notYetAvailable(io, 'accounts remove'));
}
