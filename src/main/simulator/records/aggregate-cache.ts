/**
 * Rendered JSON of records, kept as UTF-8 bytes up to a memory budget. Serialising is most of
 * what serving a page costs, and a sync test or benchmark pulls the same records again and again
 * (runs repeat, exports repeat the lists), so a record is rendered once per data version. The
 * bytes live in large slabs indexed by typed arrays: no object per record for the GC to trace, the
 * budget counts real bytes, and a page is one buffer filled by memory copies (no string joining,
 * no UTF-8 encoding per request). Once the budget is spent, further records are rendered each time.
 */
import type { World } from '../data/world';

const slabBytes = 8 * 2 ** 20;
const pageBlockBytes = 2 ** 20;

interface Table {
  slab: Uint16Array;
  start: Uint32Array;
  /** Byte length of the cached record; 0: not cached. */
  bytes: Uint32Array;
}

function grown<T extends Uint16Array | Uint32Array>(a: T, size: number, make: (n: number) => T): T {
  if (size <= a.length) return a;
  const next = make(Math.max(size, a.length * 2, 1024));
  next.set(a);
  return next;
}

export class RenderCache {
  private version = -1;
  private readonly tables = new Map<string, Table>();
  private slabs: Buffer[] = [];
  /** Write position in the last slab. */
  private pos = 0;
  private readonly slabSize: number;
  /** Per join: the text of each record not served from the slabs (reused, never shrunk). */
  private readonly scratch: (string | null)[] = [];
  private block = Buffer.allocUnsafeSlow(0);
  /** Full: the first page allocates a block. */
  private blockPos = pageBlockBytes;

  constructor(private readonly budgetBytes: number) {
    this.slabSize = Math.min(slabBytes, budgetBytes);
  }

  /**
   * `prefix`, the JSON of `rows[from..to)` of `table` (a source plus its rendering options)
   * joined by commas, and `suffix`, as one buffer. `replace` swaps in other text for the record
   * at that position of the page (the malformed-record fault).
   */
  join(world: World, table: string, rows: ArrayLike<number>, from: number, to: number, render: (row: number) => string, prefix = '', suffix = '', replace?: { at: number; text: string }): Buffer {
    if (world.version !== this.version) {
      // Any change of the data (clock advance, silent rewrite) may change any record.
      this.tables.clear();
      this.slabs = [];
      this.version = world.version;
    }
    const t = this.table(table);
    const texts = this.scratch;
    let total = Buffer.byteLength(prefix) + Buffer.byteLength(suffix) + Math.max(0, to - from - 1);
    for (let k = from; k < to; k++) {
      const row = rows[k]!;
      let text: string | null = null;
      if (replace && k - from === replace.at) text = replace.text;
      else if (row >= t.bytes.length || t.bytes[row] === 0) {
        text = render(row);
        if (this.store(t, row, text)) text = null;
      }
      texts[k - from] = text;
      total += text === null ? t.bytes[row]! : Buffer.byteLength(text);
    }
    const out = this.allocate(total);
    let pos = out.write(prefix, 0);
    for (let k = from; k < to; k++) {
      if (k > from) out[pos++] = 0x2c; // ','
      const text = texts[k - from];
      if (text === null) {
        const row = rows[k]!;
        const start = t.start[row]!;
        pos += this.slabs[t.slab[row]!]!.copy(out, pos, start, start + t.bytes[row]!);
      } else {
        pos += out.write(text!, pos);
      }
    }
    out.write(suffix, pos);
    texts.length = Math.min(texts.length, 1024);
    return out;
  }

  /**
   * A page's buffer, cut from a shared 1 MiB block: an ArrayBuffer per 60 KB page made V8 count
   * that much external memory each time and run full collections for it (a fifth of the serving
   * CPU in a profile). A block is freed once every page cut from it has been written.
   */
  private allocate(bytes: number): Buffer {
    if (bytes > pageBlockBytes / 4) return Buffer.allocUnsafeSlow(bytes);
    if (this.blockPos + bytes > pageBlockBytes) {
      this.block = Buffer.allocUnsafeSlow(pageBlockBytes);
      this.blockPos = 0;
    }
    const out = this.block.subarray(this.blockPos, this.blockPos + bytes);
    this.blockPos += (bytes + 7) & ~7;
    return out;
  }

  /** Bytes the slabs hold (what the budget bounds). */
  get usedBytes(): number {
    return this.slabs.length * this.slabSize;
  }

  private table(name: string): Table {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = { slab: new Uint16Array(0), start: new Uint32Array(0), bytes: new Uint32Array(0) }));
    return t;
  }

  /** Copies a record's text into the slabs if the budget allows. */
  private store(t: Table, row: number, text: string): boolean {
    const bytes = Buffer.byteLength(text);
    if (bytes === 0 || bytes > this.slabSize) return false;
    if (this.slabs.length === 0 || this.pos + bytes > this.slabSize) {
      if ((this.slabs.length + 1) * this.slabSize > this.budgetBytes || this.slabs.length >= 0xffff) return false;
      this.slabs.push(Buffer.allocUnsafeSlow(this.slabSize));
      this.pos = 0;
    }
    t.slab = grown(t.slab, row + 1, (n) => new Uint16Array(n));
    t.start = grown(t.start, row + 1, (n) => new Uint32Array(n));
    t.bytes = grown(t.bytes, row + 1, (n) => new Uint32Array(n));
    this.slabs[this.slabs.length - 1]!.write(text, this.pos);
    t.slab[row] = this.slabs.length - 1;
    t.start[row] = this.pos;
    t.bytes[row] = bytes;
    this.pos += bytes;
    return true;
  }
}

/**
 * Aggregate bodies per request (path and query) and data version. An aggregate scans every
 * licence or line (up to ~1 s at `large` scale); a sync snapshot asks the same ones each run.
 */
export class AggregateCache {
  private readonly entries = new Map<string, { version: number; body: unknown }>();

  get(world: World, key: string, compute: () => unknown): unknown {
    const hit = this.entries.get(key);
    if (hit && hit.version === world.version) return hit.body;
    const body = compute();
    this.entries.delete(key);
    this.entries.set(key, { version: world.version, body });
    if (this.entries.size > 128) this.entries.delete(this.entries.keys().next().value!);
    return body;
  }
}
