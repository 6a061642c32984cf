import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The thread's whole program: small enough to pass as text (no separate build entry, the same
// under tsx, vitest and the electron-vite bundle). The driver is required by its resolved path,
// as an eval'd worker has no module of its own to resolve from.
const program = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  parentPort.postMessage({ rows: db.pragma('quick_check').map((r) => r.quick_check) });
} catch (e) {
  parentPort.postMessage({ error: String(e && e.message || e), code: e && e.code });
} finally {
  if (db) db.close();
}
`;

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * `PRAGMA quick_check` of a file on a thread of its own: it reads every page (about 8 s per GB
 * here: 25.8 s for the 3.1 GB bench space), which on the Electron main thread would freeze the
 * window for as long. Answers the check's rows ('ok' alone when sound); rejects with SQLite's
 * error (code kept) when the file cannot be read as a database.
 */
export function quickCheckOffThread(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(program, { eval: true, workerData: { driver, path } });
    let answered = false;
    worker.once('message', (m: { rows: string[] } | { error: string; code?: string }) => {
      answered = true;
      if ('rows' in m) resolve(m.rows);
      else reject(Object.assign(new Error(m.error), { code: m.code }));
    });
    worker.once('error', (e) => {
      answered = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The integrity check stopped unexpectedly (exit code ${code}).`));
    });
  });
}
