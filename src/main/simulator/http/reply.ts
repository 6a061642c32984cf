/** What a handler answers: a JSON value, or a stream of text chunks (exports). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** A JSON body already serialised (pages copy in cached record bytes). */
  raw?: string | Buffer;
  /** Streamed body (exports can be hundreds of MB at `large` scale: never built whole). */
  chunks?: () => Iterable<string | Buffer>;
  contentType?: string;
}

export function jsonReply(json: unknown, status = 200): Reply {
  return { status, json };
}

/** RFC 4180: quote every field that holds a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
