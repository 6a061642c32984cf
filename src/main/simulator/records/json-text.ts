/**
 * Record JSON written as text. Serving a page is mostly serialising records, and building an
 * object to hand to JSON.stringify measured ~55k licences/s per core — about the rate a client
 * ingests them, so the simulator could dominate a sync benchmark. The big records (licences,
 * transactions) are written straight to text from pre-escaped pieces instead; their object form
 * is that text parsed, so there is one definition of each record and no second copy to drift.
 */

/** Characters JSON strings must escape (and surrogates, which JSON.stringify escapes when alone). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal; `"` + s + `"` when nothing needs escaping (ids, dates, most names). */
export function jsonString(s: string): string {
  return needsEscape.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** JSON literals of a vocabulary, computed once. */
export function jsonPool(values: readonly string[]): string[] {
  return values.map((v) => JSON.stringify(v));
}

/** `,"key":value` when the value is present (JSON.stringify leaves `undefined` out). */
export function optionalField(key: string, json: string | undefined): string {
  return json === undefined ? '' : `,"${key}":${json}`;
}

/** A JSON number as JSON.stringify writes it (non-finite numbers are `null`). */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * Flattens a string in place (V8 converts it to a number, which needs it flat) and returns it.
 * A memoised string built by concatenation stays a tree of pieces scattered over the old
 * generation; every record that embeds it walked that tree again when the page was written
 * (measured: a licence took 13–20 µs to write, 6–10 µs once its memoised pieces were flat).
 */
export function flatString(s: string): string {
  return Number.isNaN(Number(s)) ? s : s;
}
