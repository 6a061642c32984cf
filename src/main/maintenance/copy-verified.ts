import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppFailure } from '../../shared/result';

/** One file of a data directory, by its path relative to the directory. */
export interface DataFile {
  relPath: string;
  bytes: number;
  /** A live database of the app (`*.sqlite`): checkpointed, copied and verified table by table. */
  database: boolean;
}

/** Companions SQLite recreates (a checkpointed WAL is empty) and locks of a sync that no longer runs. */
const transient = /(\.sqlite-(wal|shm)|\.sync-lock|\.partial|\.writing)$/;

/** Every file to carry over, depth first; a file kept aside (`.corrupt-…`) travels as plain bytes with its WAL. */
export function listDataFiles(root: string, dir = root): DataFile[] {
  const out: DataFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.endsWith('.sync-lock')) out.push(...listDataFiles(root, full));
    } else if (entry.isFile() && !transient.test(entry.name)) {
      out.push({ relPath: relative(root, full), bytes: statSync(full).size, database: entry.name.endsWith('.sqlite') });
    }
  }
  return out;
}

/**
 * Copies one file and proves the copy, without blocking the thread: streamed in 1 MiB chunks
 * (the event loop runs between them, so the window stays live while a 1 GB space moves), hashed
 * as it is read, then read back and hashed again. A byte-identical copy of a settled file is the
 * file itself, which a quick_check and per-table row counts (seconds of blocked main thread per
 * GB) only approximated. A database is first checkpointed (`wal_checkpoint(TRUNCATE)`: every
 * committed page is in the main file); nothing else may have it open (the caller stopped the
 * data service), so the file cannot change while it is copied. `onBytes` gets each chunk's size;
 * `signal` stops between chunks (the partial copy is the caller's to remove).
 */
export async function copyVerified(fromRoot: string, toRoot: string, file: DataFile, onBytes?: (bytes: number) => void, signal?: AbortSignal): Promise<void> {
  const source = join(fromRoot, file.relPath);
  const target = join(toRoot, file.relPath);
  await mkdir(dirname(target), { recursive: true });
  if (file.database) checkpointFile(source);
  const written = createHash('sha256');
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written.update(chunk);
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(source, { highWaterMark: chunkBytes }), counted, createWriteStream(target), signal ? { signal } : {});
  const copied = createHash('sha256');
  for await (const chunk of createReadStream(target, { highWaterMark: chunkBytes })) {
    signal?.throwIfAborted();
    copied.update(chunk as Buffer);
  }
  if (written.digest('hex') !== copied.digest('hex')) throw new AppFailure('internal', `The copy of ${source} does not match the original (read back from ${target}).`);
  if ((await stat(target)).size !== (await stat(source)).size) throw new AppFailure('internal', `The copy of ${source} is incomplete.`);
}

const chunkBytes = 1024 * 1024;

/** Moves every committed page of a closed database's WAL into its main file (instant when the WAL is empty). */
export function checkpointFile(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
