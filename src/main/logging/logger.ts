import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import pinoRoll from 'pino-roll';
import { scrubString, scrubValue } from './redact';

export type { Logger } from 'pino';

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}

/** Base name of the log files; pino-roll numbers them `app.1.log`, `app.2.log`, … */
export function logFileBase(dataDir: string): string {
  return join(logDir(dataDir), 'app.log');
}

/** The log file written most recently, or null when there is none yet. */
export function currentLogFile(dataDir: string): string | null {
  let newest: { path: string; mtime: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(logDir(dataDir));
  } catch {
    return null;
  }
  for (const name of names) {
    if (!/^app\.\d+\.log$/.test(name)) continue;
    const path = join(logDir(dataDir), name);
    const mtime = statSync(path).mtimeMs;
    if (!newest || mtime > newest.mtime) newest = { path, mtime };
  }
  return newest?.path ?? null;
}

export interface LoggerOptions {
  level?: pino.LevelWithSilent;
  /** Largest size of one log file before it rotates. */
  maxSize?: string;
  /** Rotated files kept besides the current one. */
  keep?: number;
}

/**
 * A rotating JSON-lines log in `<dataDir>/logs`. Every record passes through the scrubber:
 * registered secrets never appear, and e-mail addresses are masked at info level and above
 * (debug keeps them for local troubleshooting, and debug is off by default).
 */
export async function createFileLogger(dataDir: string, options: LoggerOptions = {}): Promise<Logger> {
  return createLogger(await openLogStream(dataDir, options), options.level ?? 'info');
}

/**
 * The rotating file itself. One writer per file: the app's main process owns it and writes both
 * its own records and the lines the data-service worker sends it (createForwardingLogger).
 */
export async function openLogStream(dataDir: string, options: LoggerOptions = {}): Promise<pino.DestinationStream> {
  mkdirSync(logDir(dataDir), { recursive: true });
  return pinoRoll({
    file: logFileBase(dataDir).replace(/\.log$/, ''),
    extension: '.log',
    size: options.maxSize ?? '5m',
    limit: { count: options.keep ?? 5 },
    mkdir: true,
  });
}

/**
 * A logger whose finished lines go to `send` (the worker posts them to main, which owns the file).
 * Lines are scrubbed here, in the thread that registered the secrets it handles.
 */
export function createForwardingLogger(send: (line: string) => void, level: pino.LevelWithSilent = 'info'): Logger {
  return createLogger({ write: (line: string) => send(line) }, level);
}

export function createLogger(destination: pino.DestinationStream, level: pino.LevelWithSilent = 'info'): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        logMethod(args, method, levelNumber) {
          const maskEmails = levelNumber >= 30; // info and above
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a, { maskEmails }) : scrubValue(a, { maskEmails })));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nowhere (tests, or before the data directory is known). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
