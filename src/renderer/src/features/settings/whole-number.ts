import type { z } from 'zod';

export type Parsed = { ok: true; value: number } | { ok: false; error: string };

/**
 * A typed whole number checked against the settings schema's own bounds (src/shared/settings.ts),
 * with a message that says what to type; main validates the saved value again.
 */
export function parseWholeNumber(text: string, schema: z.ZodNumber, unit: string): Parsed {
  const min = schema.minValue ?? 0;
  const max = schema.maxValue ?? Number.MAX_SAFE_INTEGER;
  const trimmed = text.trim().replace(/[\s,_]/g, '');
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || !schema.safeParse(value).success) {
    return { ok: false, error: `Enter a whole number of ${unit} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.` };
  }
  return { ok: true, value };
}
