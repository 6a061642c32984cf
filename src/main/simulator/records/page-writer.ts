/**
 * Pages and export batches written straight into shared memory blocks. Records are written as
 * bytes (byte-writer.ts), so a page is one buffer filled in place and handed to the socket in one
 * write: no string per record, no joining, no UTF-8 encoding per request. Records are not cached:
 * writing one costs about what copying it from a cache did, and a cache of a million records held
 * hundreds of MB.
 */
import { ByteWriter, recordHeadroom } from './byte-writer';

/** Each page is cut from a block of this size; a block is freed once its pages are written. */
const blockBytes = 2 ** 20;

export type WriteRecord = (w: ByteWriter, row: number) => void;

export class PageWriter {
  /**
   * The writer over the current block; `pos` is where the next page starts. An ArrayBuffer per
   * 60 KB page made V8 count that much external memory each time and run full collections for
   * it (a fifth of the serving CPU in a profile), hence blocks shared by many pages.
   */
  private readonly w = new ByteWriter(blockBytes);

  /**
   * `prefix`, the JSON of `rows[from..to)` joined by commas, and `suffix`, as one buffer.
   * `replace` swaps in other text for the record at that position of the page (the
   * malformed-record fault).
   */
  join(rows: ArrayLike<number>, from: number, to: number, write: WriteRecord, prefix = '', suffix = '', replace?: { at: number; text: string }): Buffer {
    const w = this.w;
    let start = this.room(w.pos);
    w.utf8(prefix);
    for (let k = from; k < to; k++) {
      start = this.room(start);
      if (k > from) w.byte(0x2c);
      if (replace && k - from === replace.at) w.utf8(replace.text);
      else write(w, rows[k]!);
    }
    w.utf8(suffix);
    return this.cut(start);
  }

  /** What `write` writes for each of `rows[from..to)`, back to back, as one buffer (CSV lines). */
  lines(rows: ArrayLike<number>, from: number, to: number, write: WriteRecord): Buffer {
    let start = this.room(this.w.pos);
    for (let k = from; k < to; k++) {
      start = this.room(start);
      write(this.w, rows[k]!);
    }
    return this.cut(start);
  }

  /** The buffer from `start` to the write position; the next one starts 8-byte aligned. */
  private cut(start: number): Buffer {
    const w = this.w;
    const out = w.buf.subarray(start, w.pos);
    w.pos = (w.pos + 7) & ~7;
    return out;
  }

  /**
   * Makes room for one more record; when the block is full, the page begun at `start` moves to
   * a new block. Returns where the page now starts.
   */
  private room(start: number): number {
    const w = this.w;
    if (w.pos + recordHeadroom <= w.buf.length) return start;
    const old = w.buf;
    const written = w.pos - start;
    w.buf = Buffer.allocUnsafeSlow(Math.max(blockBytes, written * 2 + recordHeadroom));
    old.copy(w.buf, 0, start, w.pos);
    w.pos = written;
    return 0;
  }
}
