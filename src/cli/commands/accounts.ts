import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { accountNameSchema, apiTokenHelpUrl, baseUrlSchema, defaultBaseUrl, developerIdSchema, emailSchema, requiredPermissions, type AccountView, type ReportGroup } from '../../shared/contract-accounts';
import { AppFailure } from '../../shared/result';
import { openLocalAccounts, type AccountsService } from '../../main/accounts';
import { resolveDataDir } from '../../main/paths';
import { spaceDbPath } from '../../main/store';
import { exitCodes } from '../exit-codes';
import { parseFlags, type CliIo } from '../io';
import { readToken } from './accounts-token-input';
import { dataDirOption } from '../space-option';

const tokenPrompt = `API token (input hidden; create one at ${apiTokenHelpUrl}): `;

const addFlags = z.object({
  name: accountNameSchema,
  developerId: developerIdSchema,
  email: emailSchema,
  baseUrl: baseUrlSchema,
  dataDir: z.string().min(1).optional(),
});

export function registerAccounts(program: Command, io: CliIo): void {
  const accounts = program.command('accounts').description('Manage saved developer spaces (tokens live in the OS keychain)');
  accounts
    .command('add')
    .description('Add an account; the token is read from a hidden prompt or stdin, never an argument')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--developer-id <id>', 'developer space ID (UUID)')
    .requiredOption('--email <email>', 'Atlassian account e-mail')
    .option('--base-url <url>', 'API base URL', defaultBaseUrl)
    .option(...dataDirOption)
    .action(async (raw: unknown) => {
      const flags = parseFlags(addFlags, raw);
      const token = await readToken(io, tokenPrompt);
      await withAccounts(io, flags.dataDir, async (service) => {
        const r = await service.add({ name: flags.name, developerId: flags.developerId, email: flags.email, baseUrl: flags.baseUrl, token });
        io.stdout.write(`Saved “${r.account.name}” (developer space ${r.account.developerId}); its token is in the OS keychain.\n`);
        writeGroups(io, r.reportGroups);
      });
    });
  accounts
    .command('list')
    .description('List saved accounts')
    .option('--json', 'machine-readable output')
    .option(...dataDirOption)
    .action(async (raw: unknown) => {
      const flags = parseFlags(z.object({ json: z.boolean().optional(), dataDir: z.string().min(1).optional() }), raw);
      await withAccounts(io, flags.dataDir, async (service) => {
        const list = await service.list();
        io.stdout.write(flags.json ? `${JSON.stringify(list, null, 2)}\n` : formatAccounts(list));
      });
    });
  accounts
    .command('test')
    .argument('<name>')
    .description('Check an account’s credentials against the API')
    .option(...dataDirOption)
    .action(async (name: string, raw: unknown) => {
      const flags = parseFlags(z.object({ dataDir: z.string().min(1).optional() }), raw);
      await withAccounts(io, flags.dataDir, async (service) => {
        const account = requireByName(service, name);
        const r = await service.test(account.id);
        io.stdout.write(`“${account.name}”: the credentials work.\n`);
        writeGroups(io, r.reportGroups);
      });
    });
  accounts
    .command('rotate')
    .argument('<name>')
    .description('Replace an account’s API token (read from a hidden prompt or stdin)')
    .option(...dataDirOption)
    .action(async (name: string, raw: unknown) => {
      const flags = parseFlags(z.object({ dataDir: z.string().min(1).optional() }), raw);
      await withAccounts(io, flags.dataDir, async (service) => {
        const account = requireByName(service, name);
        const token = await readToken(io, tokenPrompt);
        const r = await service.rotate(account.id, token);
        io.stdout.write(`“${account.name}”: the new token works and replaced the old one in the keychain.\n`);
        writeGroups(io, r.reportGroups);
      });
    });
  accounts
    .command('remove')
    .argument('<name>')
    .description('Remove an account and its keychain entry (its local data stays unless --delete-data)')
    .option('--delete-data', 'also delete its local data')
    .option(...dataDirOption)
    .action(async (name: string, raw: unknown) => {
      const flags = parseFlags(z.object({ deleteData: z.boolean().optional(), dataDir: z.string().min(1).optional() }), raw);
      const dataDir = resolveDataDir(flags.dataDir, io.env);
      await withAccounts(io, flags.dataDir, async (service) => {
        const account = requireByName(service, name);
        await service.remove(account.id, flags.deleteData ?? false);
        io.stdout.write(`Removed “${account.name}” and its keychain entry.\n`);
        const dataFile = spaceDbPath(dataDir, account.id);
        if (flags.deleteData) io.stdout.write('Its local data was deleted.\n');
        else if (existsSync(dataFile)) io.stdout.write(`Its local data was kept in ${dataFile}; delete that file to free the space.\n`);
      });
    });
}

async function withAccounts(io: CliIo, dataDirFlag: string | undefined, run: (service: AccountsService) => Promise<void>): Promise<void> {
  const { accounts, close } = openLocalAccounts(resolveDataDir(dataDirFlag, io.env));
  try {
    await run(accounts);
  } catch (e) {
    if (!(e instanceof AppFailure)) throw e;
    // Messages of AppFailures are written for the user and never hold the token.
    io.stderr.write(`mpdesk accounts: ${e.message}\n`);
    if (e.code === 'auth.forbidden') io.stderr.write(`The account needs the ${requiredPermissions.map((p) => `“${p}”`).join(' and ')} permissions.\n`);
    io.exitCode = e.code === 'validation' ? exitCodes.usage : exitCodes.failure;
  } finally {
    close();
  }
}

function requireByName(service: AccountsService, name: string) {
  const account = service.findByName(name);
  if (!account) throw new AppFailure('not_found', `No account named “${name}”: see \`mpdesk accounts list\`.`);
  return account;
}

function writeGroups(io: CliIo, groups: readonly ReportGroup[]): void {
  io.stdout.write(`Reports this token can reach (${groups.length}): ${groups.map((g) => g.title).join(', ')}\n`);
}

function formatAccounts(list: readonly AccountView[]): string {
  const rows = list.map((a) => [
    a.isActive ? '*' : ' ',
    a.name,
    a.isDemo ? '(built-in sample data)' : a.developerId,
    a.isDemo ? '' : a.email,
    a.isDemo ? 'not needed' : a.hasToken ? 'in keychain' : 'missing',
    a.lastUsedAt ? a.lastUsedAt.slice(0, 16).replace('T', ' ') : '',
  ]);
  const header = [' ', 'NAME', 'DEVELOPER ID', 'E-MAIL', 'TOKEN', 'LAST USED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
