import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readToken } from '../../../src/cli/commands/accounts-token-input';
import { UsageError } from '../../../src/cli/exit-codes';
import type { CliIo } from '../../../src/cli/io';

function ioWith(stdin: CliIo['stdin']): { io: CliIo; written: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let written = '';
  stdout.on('data', (d: Buffer) => (written += d.toString()));
  stderr.on('data', (d: Buffer) => (written += d.toString()));
  return { io: { stdout, stderr, stdin, env: {}, version: 'test', exitCode: 0 }, written: () => written };
}

/** A terminal stand-in: records raw-mode switches; keys are pushed like a user typing. */
function fakeTty() {
  const tty = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  (tty as unknown as { setRawMode: (on: boolean) => void }).setRawMode = (on: boolean) => tty.rawModes.push(on);
  return tty;
}

describe('reading the API token', () => {
  it('reads piped stdin and trims the trailing newline', async () => {
    const { io } = ioWith(Readable.from([Buffer.from('ATATT-piped-token\n')]));
    expect(await readToken(io, 'Token: ')).toBe('ATATT-piped-token');
  });

  it('refuses an empty, a multi-line or an oversized token', async () => {
    await expect(readToken(ioWith(Readable.from([Buffer.from(' \n')])).io, '')).rejects.toBeInstanceOf(UsageError);
    await expect(readToken(ioWith(Readable.from([Buffer.from('a\nb\n')])).io, '')).rejects.toThrow(/one line/);
    await expect(readToken(ioWith(Readable.from([Buffer.alloc(20_000, 'a')])).io, '')).rejects.toThrow(/more than an API token/);
  });

  it('prompts on a terminal in raw mode without echoing, honouring backspace', async () => {
    const tty = fakeTty();
    const { io, written } = ioWith(tty);
    const reading = readToken(io, 'API token (input hidden): ');
    tty.write('ATATT-typed-tokenX');
    tty.write('\u007f');
    tty.write('\r');
    expect(await reading).toBe('ATATT-typed-token');
    expect(tty.rawModes).toEqual([true, false]);
    expect(written()).toBe('API token (input hidden): \n');
  });

  it('cancels on Ctrl-C and leaves raw mode', async () => {
    const tty = fakeTty();
    const { io } = ioWith(tty);
    const reading = readToken(io, '');
    tty.write('secret-so-far\u0003');
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
    expect(tty.rawModes).toEqual([true, false]);
  });
});
