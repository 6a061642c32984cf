import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { splitJsonArray } from './json-array-splitter';

/**
 * Streams the elements of a top-level JSON array (an async export download) one at a time, in
 * constant memory: a million-licence export is never held whole. A body that ends mid-array
 * throws, which the client treats as retryable. See json-array-splitter.ts for why this is not
 * stream-json's token parser (kept as `jsonArrayRecordsTokenised` for comparison in tests).
 */
export function jsonArrayRecords(body: Readable): AsyncGenerator<unknown> {
  return splitJsonArray(body);
}

export async function* jsonArrayRecordsTokenised(body: Readable): AsyncGenerator<unknown> {
  const items = streamArray.withParserAsStream();
  body.on('error', (e) => items.destroy(e));
  body.pipe(items);
  for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) yield item.value;
}

/**
 * Streams CSV rows as objects keyed by the header row (papaparse copes with quoted fields,
 * embedded newlines and quotes — LIVE-API-NOTES). Empty strings are kept: the raw record says
 * exactly what the API sent.
 */
export async function* csvRecords(body: Readable): AsyncGenerator<Record<string, string>> {
  const rows = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy' }) as unknown as NodeJS.ReadWriteStream & AsyncIterable<Record<string, string>>;
  body.on('error', (e) => (rows as unknown as Readable).destroy(e));
  body.pipe(rows);
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
