import type { Readable, Writable } from 'node:stream';
import type { z } from 'zod';
import { UsageError } from './exit-codes';

/** What a command may touch of the outside world; tests pass their own streams. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  version: string;
  /** Set by a command that finished with a failure it already reported. */
  exitCode: number;
}

/** Validates parsed flags with zod; a bad value is a usage error (exit code 2). */
export function parseFlags<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `--${issue.path.join('.')}` : 'flags';
    throw new UsageError(`${where}: ${issue?.message ?? 'invalid value'}`);
  }
  return parsed.data;
}
