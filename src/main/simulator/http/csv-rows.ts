/**
 * CSV lines cut straight from a record's JSON bytes. A CSV export read each record as an object
 * (its JSON parsed) and each column through its path: ~35–45 µs a licence or transaction, most of
 * it JSON.parse making objects and strings the line then copied. Here one pass over the record's
 * bytes notes where the wanted values lie (paths as a tree of keys), and the line copies those
 * bytes, quoting per RFC 4180 as csvField does: values equal `csvField(value at path)` (strings
 * unescaped, numbers and booleans as written, objects and arrays as their JSON, null and absent
 * values empty, the first present of several paths).
 */
import { csvField } from './reply';
import type { ByteWriter } from '../records/byte-writer';

interface PathNode {
  /** Children by the hash of their key's bytes (checked against `key`). */
  readonly children: Map<number, PathNode>;
  readonly key: Uint8Array;
  /** Index into the value table, or -1 when no column reads this path itself. */
  slot: number;
}

const enum Kind {
  absent = 0,
  /** A string without escapes: its bytes are its UTF-8 text. */
  plain = 1,
  /** A string with escapes: decoded before quoting. */
  escaped = 2,
  /** A number, boolean, object or array: its JSON text. */
  raw = 3,
  nil = 4,
}

function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
  return h >>> 0;
}

function sameBytes(key: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (key.length !== to - from) return false;
  for (let k = 0; k < key.length; k++) if (key[k] !== b[from + k]) return false;
  return true;
}

export class CsvRows {
  private readonly root: PathNode = { children: new Map(), key: new Uint8Array(0), slot: -1 };
  /** Per column, its slots in the order the paths are tried. */
  private readonly columns: number[][] = [];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly kinds: Uint8Array;

  constructor(paths: readonly (string | readonly string[])[]) {
    let slots = 0;
    for (const path of paths) {
      this.columns.push((typeof path === 'string' ? [path] : path).map((p) => this.addPath(p, slots++)));
    }
    this.starts = new Int32Array(slots);
    this.ends = new Int32Array(slots);
    this.kinds = new Uint8Array(slots);
  }

  private addPath(path: string, slot: number): number {
    let node = this.root;
    for (const key of path.split('.')) {
      const bytes = Buffer.from(key, 'utf8');
      const h = hashBytes(bytes, 0, bytes.length);
      let child = node.children.get(h);
      if (child && !sameBytes(child.key, bytes, 0, bytes.length)) throw new Error(`CSV paths: hash collision on ${key}`);
      if (!child) node.children.set(h, (child = { children: new Map(), key: bytes, slot: -1 }));
      node = child;
    }
    if (node.slot >= 0) return node.slot;
    node.slot = slot;
    return slot;
  }

  /** Appends the CSV line (with CRLF) of the JSON object in `b[from..]` to `out`. */
  line(b: Uint8Array, from: number, out: ByteWriter): void {
    this.kinds.fill(Kind.absent);
    this.value(b, from, this.root);
    for (let c = 0; c < this.columns.length; c++) {
      if (c > 0) out.byte(0x2c);
      for (const slot of this.columns[c]!) {
        const kind = this.kinds[slot]!;
        if (kind === Kind.absent || kind === Kind.nil) continue;
        this.field(b, this.starts[slot]!, this.ends[slot]!, kind, out);
        break;
      }
    }
    out.byte(0x0d);
    out.byte(0x0a);
  }

  private field(b: Uint8Array, s: number, e: number, kind: Kind, out: ByteWriter): void {
    if (kind === Kind.escaped) {
      out.utf8(csvField(JSON.parse(Buffer.from(b.buffer, b.byteOffset + s - 1, e - s + 2).toString('utf8')) as string));
      return;
    }
    // A plain string cannot hold a raw quote, CR or LF (JSON escapes them): only a comma quotes it.
    let quote = false;
    for (let k = s; k < e && !quote; k++) {
      const c = b[k]!;
      quote = c === 0x2c || (kind === Kind.raw && (c === 0x22 || c === 0x0d || c === 0x0a));
    }
    out.reserve(2 * (e - s) + 2);
    if (!quote) {
      out.copy(b, s, e);
      return;
    }
    out.byte(0x22);
    for (let k = s; k < e; k++) {
      if (b[k] === 0x22) out.byte(0x22);
      out.byte(b[k]!);
    }
    out.byte(0x22);
  }

  private note(node: PathNode | undefined, s: number, e: number, kind: Kind): void {
    if (node && node.slot >= 0) {
      this.starts[node.slot] = s;
      this.ends[node.slot] = e;
      this.kinds[node.slot] = kind;
    }
  }

  /** Reads the value at `p`, noting wanted ones; returns the position after it. */
  private value(b: Uint8Array, p: number, node: PathNode | undefined): number {
    const c = b[p]!;
    if (c === 0x22) {
      let q = p + 1;
      let escaped = false;
      while (b[q] !== 0x22) {
        if (b[q] === 0x5c) {
          escaped = true;
          q += 2;
        } else q++;
      }
      this.note(node, p + 1, q, escaped ? Kind.escaped : Kind.plain);
      return q + 1;
    }
    if (c === 0x7b || c === 0x5b) {
      const end = c === 0x7b && node && node.children.size > 0 ? this.object(b, p, node) : skipNested(b, p);
      this.note(node, p, end, Kind.raw);
      return end;
    }
    let q = p;
    while (b[q] !== 0x2c && b[q] !== 0x7d && b[q] !== 0x5d) q++;
    this.note(node, p, q, c === 0x6e ? Kind.nil : Kind.raw);
    return q;
  }

  private object(b: Uint8Array, p: number, node: PathNode): number {
    p++; // {
    if (b[p] === 0x7d) return p + 1;
    for (;;) {
      // A key (the simulator writes keys without escapes or spaces).
      const ks = p + 1;
      let q = ks;
      while (b[q] !== 0x22) q += b[q] === 0x5c ? 2 : 1;
      let child = node.children.get(hashBytes(b, ks, q));
      if (child && !sameBytes(child.key, b, ks, q)) child = undefined;
      p = this.value(b, q + 2, child); // after `":`
      if (b[p] === 0x2c) p++;
      else return p + 1; // }
    }
  }
}

/** Skips an object or array, strings included; returns the position after it. */
function skipNested(b: Uint8Array, p: number): number {
  let depth = 0;
  for (;;) {
    const c = b[p]!;
    if (c === 0x22) {
      p++;
      while (b[p] !== 0x22) p += b[p] === 0x5c ? 2 : 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return p + 1;
    }
    p++;
  }
}
