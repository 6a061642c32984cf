/**
 * Rendered JSON text of records, kept up to a memory budget. Serialising is most of what serving
 * a page costs; a sync test or a benchmark pulls the same records again and again (runs are
 * repeated, exports repeat the lists), so a record is stringified once per data version. The
 * cache never evicts: once the budget is spent, further records are rendered each time.
 */
import type { World } from '../data/world';
import type { JsonRecord } from './licence';

export class RenderCache {
  private version = -1;
  private readonly tables = new Map<string, (string | undefined)[]>();
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  /** JSON text of `row` of `table` (a source plus its rendering options). */
  text(world: World, table: string, row: number, build: () => JsonRecord): string {
    if (world.version !== this.version) {
      // Any change of the data (clock advance, silent rewrite) may change any record.
      this.tables.clear();
      this.used = 0;
      this.version = world.version;
    }
    let texts = this.tables.get(table);
    const hit = texts?.[row];
    if (hit !== undefined) return hit;
    const text = JSON.stringify(build());
    if (this.used + text.length * 2 <= this.budgetBytes) {
      if (!texts) this.tables.set(table, (texts = []));
      texts[row] = text;
      this.used += text.length * 2; // V8 strings: up to two bytes a character
    }
    return text;
  }

  get usedBytes(): number {
    return this.used;
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
