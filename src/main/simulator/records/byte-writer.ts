/**
 * Record JSON written straight into bytes. Building each record as a JS string (template pieces,
 * memoised customer strings) measured 40–80 µs a record in the serving process, most of it the
 * garbage collector and UTF-8 encoding of millions of short-lived strings; writing the same text
 * byte by byte into one buffer allocates nothing per record. Dynamic values (ids, dates, digits)
 * are written from their numbers; vocabulary text is encoded once (`Utf8Pool`).
 */
import { hashInts } from '../data/random';

/** Largest record any renderer writes, with a wide margin (a licence with insights is ~1.6 KB). */
export const recordHeadroom = 16 * 1024;

const hexDigits = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** entitlementNumber's 32 symbols (data/random.ts). */
const symbols = Uint8Array.from('0123456789ABCDEFGHJKLMNPQRSTUVWX', (c) => c.charCodeAt(0));

/** JSON-escaped UTF-8 bytes of one string, without quotes (concatenated pieces stay valid JSON). */
export function utf8Inner(value: string): Uint8Array {
  return Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8');
}

/** `utf8Inner` of each string of a vocabulary, by index. */
export class Utf8Pool {
  readonly bytes: Uint8Array[];
  constructor(values: readonly string[]) {
    this.bytes = values.map(utf8Inner);
  }
}

/** Encoded template literals (ByteWriter.ascii); bounded in case a caller passes computed text. */
const literals = new Map<string, Buffer>();
const maxLiterals = 4096;

const msPerDay = 86_400_000;
/** ISO dates, 10 bytes a day, filled on first use; days outside the span are formatted each time. */
const dayBase = Math.floor(Date.UTC(1990, 0, 1) / msPerDay);
const daySpan = 80 * 366;
const dayBytes = new Uint8Array(daySpan * 10);
const dayFilled = new Uint8Array(daySpan);

export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 64 * 1024) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  /** Makes room for at least one more record (renderers write unchecked within it). */
  reserve(bytes = recordHeadroom): void {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /**
   * A template literal (ASCII). A long one is encoded once and copied (a 64-character literal:
   * ~4x faster than storing character codes one by one); a short one is cheaper stored directly.
   * Only literals come here (a bounded set of strings); computed text goes through `asciiText`.
   */
  ascii(literal: string): void {
    if (literal.length <= 12) {
      this.asciiText(literal);
      return;
    }
    let piece = literals.get(literal);
    if (piece === undefined) {
      if (literals.size >= maxLiterals) {
        this.asciiText(literal);
        return;
      }
      literals.set(literal, (piece = Buffer.from(literal, 'latin1')));
    }
    this.bytes(piece);
  }

  /** Computed ASCII text (digits of a float, a date out of the table's span). */
  asciiText(s: string): void {
    const b = this.buf;
    let p = this.pos;
    for (let k = 0; k < s.length; k++) b[p++] = s.charCodeAt(k);
    this.pos = p;
  }

  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  bytes(piece: Uint8Array): void {
    const b = this.buf;
    let p = this.pos;
    const n = piece.length;
    if (n > 64) {
      b.set(piece, p);
      p += n;
    } else for (let k = 0; k < n; k++) b[p++] = piece[k]!;
    this.pos = p;
  }

  /** Bytes `from..to` of `src` (no view allocated, unlike `bytes(src.subarray(…))`). */
  copy(src: Uint8Array, from: number, to: number): void {
    const b = this.buf;
    let p = this.pos;
    for (let k = from; k < to; k++) b[p++] = src[k]!;
    this.pos = p;
  }

  /** Any text as UTF-8 (JSON already escaped by the caller); checks room itself. */
  utf8(s: string): void {
    this.reserve(s.length * 3 + 16);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A string as a JSON literal, quotes included (JSON.stringify's escaping). */
  jsonString(s: string): void {
    this.utf8(JSON.stringify(s));
  }

  /** A non-negative integer below 2^31 in decimal. */
  uint(n: number): void {
    const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
    this.padded(n, digits);
  }

  /** A non-negative integer below 2^31, left-padded with zeros to `width` digits (n < 10^width). */
  padded(n: number, width: number): void {
    const b = this.buf;
    const end = this.pos + width;
    let x = n | 0;
    for (let p = end - 1; p >= this.pos; p--) {
      const q = (x / 10) | 0;
      b[p] = 48 + x - q * 10;
      x = q;
    }
    this.pos = end;
  }

  /** A JSON number as JSON.stringify writes it (non-finite numbers are `null`). */
  number(n: number): void {
    if (Number.isInteger(n) && n >= 0 && n < 2 ** 31) this.uint(n);
    else this.asciiText(Number.isFinite(n) ? String(n) : 'null');
  }

  /** Hex digits `from..to` (0 = most significant) of a 32-bit value. */
  hex(h: number, from: number, to: number): void {
    const b = this.buf;
    let p = this.pos;
    for (let k = from; k < to; k++) b[p++] = hexDigits[(h >>> (28 - 4 * k)) & 15]!;
    this.pos = p;
  }

  /** `uuidFrom(a, b, c)` of data/random.ts, written without building it. */
  uuid(a: number, b: number, c: number): void {
    const h0 = hashInts(a, b, c, 11);
    const h1 = hashInts(a, b, c, 12);
    const h2 = hashInts(a, b, c, 13);
    const h3 = hashInts(a, b, c, 14);
    this.hex(h0, 0, 8);
    this.byte(0x2d);
    this.hex(h1, 0, 4);
    this.ascii('-4');
    this.hex(h1, 5, 8);
    this.ascii('-a');
    this.hex(h2, 1, 4);
    this.byte(0x2d);
    this.hex(h2, 4, 8);
    this.hex(h3, 0, 8);
  }

  /** `entitlementNumber(a, b, c)` of data/random.ts (`E-XXX-XXX-XXX-XXX`). */
  entitlement(a: number, b: number, c: number): void {
    const h7 = hashInts(a, b, c, 7);
    const h8 = hashInts(a, b, c, 8);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x45; // E
    for (let k = 0; k < 12; k++) {
      if (k % 3 === 0) buf[p++] = 0x2d;
      const h = k < 6 ? h7 : h8;
      buf[p++] = symbols[(h >>> (5 * (k % 6))) & 31]!;
    }
    this.pos = p;
  }

  /** `YYYY-MM-DD` of a day number (data/dates.ts isoFromDay). */
  day(day: number): void {
    const k = day - dayBase;
    if (k < 0 || k >= daySpan) {
      this.asciiText(new Date(day * msPerDay).toISOString().slice(0, 10));
      return;
    }
    if (dayFilled[k] === 0) {
      const iso = new Date(day * msPerDay).toISOString().slice(0, 10);
      for (let j = 0; j < 10; j++) dayBytes[k * 10 + j] = iso.charCodeAt(j);
      dayFilled[k] = 1;
    }
    const b = this.buf;
    let p = this.pos;
    for (let j = k * 10; j < k * 10 + 10; j++) b[p++] = dayBytes[j]!;
    this.pos = p;
  }

  /** The text written since `from`, decoded (object forms and tests parse it). */
  text(from = 0): string {
    return this.buf.toString('utf8', from, this.pos);
  }
}

/** One writer for renderers that return strings (tests, `build`): records are written one at a time. */
const scratch = new ByteWriter();

/** Runs a byte renderer and returns its text. */
export function renderText(write: (w: ByteWriter) => void): string {
  scratch.pos = 0;
  scratch.reserve();
  write(scratch);
  return scratch.text();
}
