import type { Readable } from 'node:stream';
import { ApiError } from '../client/errors';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const COMMA = 44;

function isSpace(b: number): boolean {
  return b === 32 || b === 10 || b === 13 || b === 9;
}

/**
 * Streams the elements of a top-level JSON array (an export download) as their JSON texts, in
 * constant memory: a byte scanner finds where each element ends (tracking strings, escapes and
 * nesting), and the texts are held unparsed until their batch is written (a licence's text is
 * ~1.5 KB, its parsed object or flattened row twice that), `parseExportRecord` reading each then.
 * The only JSON-array splitter of the sync: stream-json's token-by-token parser read export
 * records four times slower (a 30 MB licence export: 12 MB/s against 48 MB/s), which would make a
 * million-row export's parse dearer than its SQLite writes; stream-json stays the reference it is
 * tested against (test/unit/sync/engine-parts.test.ts). A body that ends before the closing `]`
 * throws a retryable error (a truncated download); anything after it is refused.
 */
export async function* jsonArrayTexts(body: Readable, label: string): AsyncGenerator<string> {
  for await (const { buf, bounds } of jsonArraySpans(body, label)) {
    for (let k = 0; k < bounds.length; k += 2) yield buf.toString('utf8', bounds[k], bounds[k + 1]);
  }
}

/** Per chunk: the buffer and the [start, end) byte offsets of each complete element in it. */
async function* jsonArraySpans(body: Readable, label: string): AsyncGenerator<{ buf: Buffer; bounds: number[] }> {
  let pending: Buffer = Buffer.alloc(0);
  let scanned = 0;
  let depth = 0;
  let elementStart = -1;
  let finished = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (finished) {
      refuseTrailing(chunk, 0, label);
      continue;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const bounds: number[] = [];
    let consumed = 0;
    let i = scanned;
    for (; i < pending.length; i++) {
      const b = pending[i]!;
      if (depth === 0 && b !== OPEN_ARRAY && !isSpace(b)) throw new ApiError('api.malformed', `${label}: the export is not a JSON array`);
      if (depth === 1 && elementStart < 0 && !isSpace(b) && b !== COMMA && b !== CLOSE_ARRAY) elementStart = i;
      if (b === QUOTE) {
        const close = closingQuote(pending, i + 1);
        if (close < 0) break; // the string goes on in the next chunk: rescan it from its quote
        i = close;
      } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) depth++;
      else if (b === CLOSE_OBJECT) depth--;
      else if (b === CLOSE_ARRAY) {
        if (depth === 1) {
          if (elementStart >= 0) bounds.push(elementStart, trimEnd(pending, elementStart, i));
          elementStart = -1;
          finished = true;
          depth = 0;
          refuseTrailing(pending, i + 1, label);
          break;
        }
        depth--;
      } else if (b === COMMA && depth === 1) {
        if (elementStart < 0) throw new ApiError('api.malformed', `${label}: the export has an empty element`);
        bounds.push(elementStart, trimEnd(pending, elementStart, i));
        elementStart = -1;
        consumed = i + 1;
      }
    }
    const buf = pending;
    if (!finished) {
      // Keep only the unfinished element; positions shift by what was consumed.
      const from = elementStart >= 0 ? elementStart : Math.min(consumed, i);
      pending = pending.subarray(from);
      if (elementStart >= 0) elementStart -= from;
      scanned = i - from;
    }
    if (bounds.length > 0) yield { buf, bounds };
  }
  if (!finished) throw new ApiError('api.error', `${label}: the download was cut off before the end of the export`, null, true);
}

/** The end of an element's text without the whitespace before its separator. */
function trimEnd(buf: Buffer, start: number, end: number): number {
  while (end > start && isSpace(buf[end - 1]!)) end--;
  return end;
}

/** Anything but whitespace after the array's closing bracket: not the export we asked for. */
function refuseTrailing(buf: Buffer, from: number, label: string): void {
  for (let i = from; i < buf.length; i++) if (!isSpace(buf[i]!)) throw new ApiError('api.malformed', `${label}: unexpected data after the end of the export's JSON array`);
}

/**
 * The index of the quote closing a string whose content starts at `from`, or -1 if not in `buf`.
 * A plain byte loop: record strings are short (ids, dates, names), and a native `indexOf` per
 * string cost more in call overhead than it saved (a 156 MB, 100k-licence export: its scan and
 * decode took ~0.7 s with it, ~0.4 s without; the parse ~0.6 s either way).
 */
function closingQuote(buf: Buffer, from: number): number {
  const end = buf.length;
  for (let j = from; j < end; j++) {
    const b = buf[j]!;
    if (b === QUOTE) return j;
    // An escape takes the next byte with it (an escaped quote or backslash).
    if (b === BACKSLASH) j++;
  }
  return -1;
}

/** One element's text read back (see `jsonArrayTexts`); unreadable text is a cut or garbled body. */
export function parseExportRecord(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('api.error', `${label}: an export record is not valid JSON (the body may be cut off)`, null, true);
  }
}

