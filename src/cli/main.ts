import { Command, CommanderError } from 'commander';
import { exitCodes, UsageError } from './exit-codes';
import { commands, type CliIo } from './commands';

/** Builds the `mpdesk` program. Each command lives in its own module under ./commands. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('mpdesk')
    .description('Marketplace Desk: your Atlassian Marketplace reports, synced into a local database.')
    .version(io.version, '-V, --version')
    .showHelpAfterError('(run `mpdesk --help` for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  for (const register of commands) register(program, io);
  return program;
}

export function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    version: process.env.npm_package_version ?? '0.1.0',
    exitCode: exitCodes.ok,
  };
}

/** Runs the command line; answers the process exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      if (e.exitCode === 0) return exitCodes.ok;
      return exitCodes.usage;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`mpdesk: ${e.message}\n`);
      return exitCodes.usage;
    }
    io.stderr.write(`mpdesk: ${e instanceof Error ? e.message : String(e)}\n`);
    return exitCodes.failure;
  }
}
