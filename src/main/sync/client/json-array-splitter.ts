import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Streams the elements of a top-level JSON array, parsing each with the native JSON.parse.
 * Why not stream-json's token stream: measured on a 30 MB licence export it parsed about
 * 3 MB/s (20k records in 10.6 s; a 1M-licence export would take many minutes), while this
 * scanner only tracks string/escape state and bracket depth to find element boundaries and
 * leaves the parsing to V8 (same records, see test/unit/sync/json-array.test.ts). Memory stays
 * at one chunk plus one element. A body that ends before the closing `]`, or that is not an
 * array, throws.
 */
export async function* splitJsonArray(body: Readable): AsyncGenerator<unknown> {
  const decoder = new StringDecoder('utf8');
  let started = false;
  let finished = false;
  let inElement = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Text of an element that began in an earlier chunk. */
  let pending = '';

  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let from = 0;
    const elements: unknown[] = [];
    const emit = (end: number) => {
      elements.push(JSON.parse(pending + text.slice(from, end)));
      pending = '';
      inElement = false;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92 /* \ */) escaped = true;
        else if (c === 34 /* " */) inString = false;
        continue;
      }
      if (!inElement) {
        if (c === 32 || c === 10 || c === 13 || c === 9) continue;
        if (finished) throw new SyntaxError('unexpected data after the end of the JSON array');
        if (!started) {
          if (c !== 91 /* [ */) throw new SyntaxError('the export is not a JSON array');
          started = true;
          continue;
        }
        if (c === 44 /* , */) continue;
        if (c === 93 /* ] */) {
          finished = true;
          continue;
        }
        inElement = true;
        from = i;
        depth = 0;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) {
          // The array's own `]` right after a scalar element.
          emit(i);
          finished = true;
        } else if (--depth === 0) {
          emit(i + 1);
        }
      } else if (c === 44 && depth === 0) {
        emit(i);
      }
    }
    if (inElement) pending += text.slice(from);
    yield* elements;
  }
  if (decoder.end().trim()) throw new SyntaxError('the export ends inside a character');
  if (!finished) throw new SyntaxError(started ? 'the export ended before the end of the JSON array (truncated download)' : 'the export is empty');
}
