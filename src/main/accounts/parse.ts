import type { z } from 'zod';
import { AppFailure } from '../../shared/result';

/** Parses input that reached the service without passing the IPC router (command line, tests). */
export function parseOrFail<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppFailure('validation', parsed.error.issues[0]?.message ?? 'Invalid value');
}
