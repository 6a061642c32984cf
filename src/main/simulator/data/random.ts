/**
 * Deterministic randomness. Every record is a pure function of (seed, stream, index), so the
 * same seed gives the same vendor on every machine and a record can be rebuilt on demand
 * instead of being held in memory (the `large` scale has a million licences).
 */

/** 32-bit integer hash (a murmur3 finaliser): mixes a seed and up to three integers. */
export function hashInts(a: number, b = 0, c = 0, d = 0): number {
  // Unrolled (no array): this runs dozens of times per record served.
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (b >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ (c >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ (d >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A float in [0, 1) from the same inputs as `hashInts`. */
export function hashUnit(a: number, b = 0, c = 0, d = 0): number {
  return hashInts(a, b, c, d) / 4294967296;
}

/** sfc32: small, fast, and good enough for synthetic data. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0, index = 0) {
    this.a = hashInts(seed, stream, index, 1);
    this.b = hashInts(seed, stream, index, 2);
    this.c = hashInts(seed, stream, index, 3);
    this.d = 1;
    for (let i = 0; i < 8; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index into `weights` chosen in proportion to the weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

/** Two hex digits per byte value: ids are rendered by the million, so no per-digit work. */
const hexByte = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex8(h: number): string {
  return hexByte[h >>> 24]! + hexByte[(h >>> 16) & 255]! + hexByte[(h >>> 8) & 255]! + hexByte[h & 255]!;
}

/** A UUID-shaped id (version 4 layout) derived from the inputs. */
export function uuidFrom(a: number, b: number, c: number): string {
  const w0 = hex8(hashInts(a, b, c, 11));
  const w1 = hex8(hashInts(a, b, c, 12));
  const w2 = hex8(hashInts(a, b, c, 13));
  const w3 = hex8(hashInts(a, b, c, 14));
  return `${w0}-${w1.slice(0, 4)}-4${w1.slice(5, 8)}-a${w2.slice(1, 4)}-${w2.slice(4)}${w3}`;
}

/** 32 symbols, so each comes from 5 bits of a hash with no division. */
const alnum = '0123456789ABCDEFGHJKLMNPQRSTUVWX';

function symbols6(h: number): string {
  return alnum[h & 31]! + alnum[(h >>> 5) & 31]! + alnum[(h >>> 10) & 31]! + alnum[(h >>> 15) & 31]! + alnum[(h >>> 20) & 31]! + alnum[(h >>> 25) & 31]!;
}

/** An entitlement number shaped like the reference's `E-111-AAA-AAA-11A`. */
export function entitlementNumber(a: number, b: number, c: number): string {
  const s = symbols6(hashInts(a, b, c, 7)) + symbols6(hashInts(a, b, c, 8));
  return `E-${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)}-${s.slice(9, 12)}`;
}
