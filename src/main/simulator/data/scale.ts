import { z } from 'zod';

export interface ScaleSpec {
  readonly name: string;
  /** Licences that exist at the initial clock (the generator aims for this count). */
  readonly licences: number;
  readonly apps: number;
  readonly historyDays: number;
}

const named: Record<string, ScaleSpec> = {
  tiny: { name: 'tiny', licences: 400, apps: 3, historyDays: 3 * 365 },
  demo: { name: 'demo', licences: 20_000, apps: 4, historyDays: 8 * 365 },
  large: { name: 'large', licences: 1_000_000, apps: 20, historyDays: 8 * 365 },
};

export const scaleSchema = z.union([
  z.enum(['tiny', 'demo', 'large']),
  z.coerce.number().int().min(10).max(5_000_000),
]);

/** `tiny | demo | large | <licences>`; a number picks apps and history in proportion. */
export function resolveScale(scale: z.infer<typeof scaleSchema>): ScaleSpec {
  if (typeof scale === 'string') return named[scale]!;
  const apps = Math.max(2, Math.min(20, Math.round(Math.log10(scale) * 2)));
  return { name: String(scale), licences: scale, apps, historyDays: scale < 5000 ? 3 * 365 : 6 * 365 };
}
