import type { World } from '../data/world';

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
