import type { CliIo } from '../io';
import { UsageError } from '../exit-codes';
import { AppFailure } from '../../shared/result';

/**
 * Reads an API token without it ever being an argument (arguments show in `ps` and shell
 * history): from a hidden prompt on a terminal, or from stdin when piped
 * (`secret-tool lookup … | mpdesk accounts add …`). An empty token is refused.
 */
export async function readToken(io: CliIo, prompt: string): Promise<string> {
  const token = io.stdin.isTTY ? await readHidden(io, prompt) : await readPiped(io);
  const trimmed = token.trim();
  if (trimmed.length === 0) throw new UsageError('no API token given: type it at the prompt, or pipe it on stdin');
  if (/[\r\n]/.test(trimmed)) throw new UsageError('the API token must be one line of text');
  return trimmed;
}

async function readPiped(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    // An API token is a couple of hundred bytes: anything this big is the wrong input.
    if (size > 16_384) throw new UsageError('stdin holds more than an API token');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

type RawTty = NodeJS.ReadableStream & { setRawMode?: (raw: boolean) => void; isTTY?: boolean };

function readHidden(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin as RawTty;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new AppFailure('cancelled', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    // Raw mode: keys arrive one by one and the terminal echoes nothing.
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}
