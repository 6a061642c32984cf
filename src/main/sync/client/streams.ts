import { once } from 'node:events';
import { PassThrough, type Duplex, type Readable } from 'node:stream';
import Papa from 'papaparse';

/**
 * Streams CSV rows as objects keyed by the header row (papaparse copes with quoted fields,
 * embedded newlines and quotes — LIVE-API-NOTES). Empty strings are kept: the raw record says
 * exactly what the API sent. The line ending is read from the header line before parsing:
 * papaparse guesses it from its first chunk, and a first chunk without a newline made it guess
 * "\n" for a "\r\n" file (every last column then ended in "\r").
 */
export async function* csvRecords(body: Readable): AsyncGenerator<Record<string, string>> {
  const head: Buffer[] = [];
  const source = body[Symbol.asyncIterator]();
  let newline: '\r\n' | '\n' = '\n';
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value as Buffer);
    head.push(chunk);
    const all = Buffer.concat(head);
    const at = all.indexOf(10);
    if (at >= 0) {
      newline = at > 0 && all[at - 1] === 13 ? '\r\n' : '\n';
      break;
    }
  }
  const input = new PassThrough();
  const rows = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy', newline }) as unknown as Duplex & AsyncIterable<Record<string, string>>;
  input.pipe(rows);
  void (async () => {
    try {
      for (const chunk of head) if (!input.write(chunk)) await once(input, 'drain');
      for (let next = await source.next(); !next.done; next = await source.next()) if (!input.write(next.value)) await once(input, 'drain');
      input.end();
    } catch (e) {
      rows.destroy(e as Error);
    }
  })();
  for await (const row of rows) yield row;
}

/** Groups an async stream into arrays of `size` (the unit written with one checkpoint). */
export async function* batchesOf<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
