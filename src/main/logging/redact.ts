/**
 * Scrubs what must never reach a log line. Secrets registered here (API tokens, the Basic auth
 * header) are replaced wherever they appear; customer e-mail addresses are masked at info level
 * and above (issue: "never customer e-mail addresses at info level").
 */
const secrets = new Set<string>();

/** Registers a value that must never be written to a log (called when a token is read). */
export function registerSecret(value: string): void {
  if (value.length >= 4) {
    secrets.add(value);
    secrets.add(Buffer.from(value).toString('base64'));
  }
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const basicAuthPattern = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{8,}/g;

export function maskEmail(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function scrubString(text: string, options: { maskEmails: boolean }): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[secret]');
  out = out.replace(basicAuthPattern, '$1 [secret]');
  if (options.maskEmails) out = out.replace(emailPattern, maskEmail);
  return out;
}

/** Deep-scrubs a log record (bounded depth: log objects are small). */
export function scrubValue(value: unknown, options: { maskEmails: boolean }, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value, options);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, options, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = /^(token|password|authorization|apiToken|secret)$/i.test(k) ? '[secret]' : scrubValue(v, options, depth + 1);
  }
  return out;
}
