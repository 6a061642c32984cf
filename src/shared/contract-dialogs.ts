import { z } from 'zod';
import { exportFormats } from './contract-grid';
import { mainMethod } from './contract-methods';

/**
 * Methods answered by main with a native dialog; merged into `methods` in contract.ts. The
 * renderer never names a path on its own: the user picks it here and main hands it back.
 */
export const saveExportFileRequestSchema = z
  .object({
    /** Suggested file name without folder, e.g. `licences-2026-03-01.csv`. */
    defaultName: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\:*?"<>|]+$/, 'a file name without folders'),
    format: z.enum(exportFormats),
  })
  .strict();

export const dialogMethods = {
  /** `path: null` when the user cancels. */
  'dialog.saveExportFile': mainMethod<{ path: string | null }>()(saveExportFileRequestSchema),
} as const;
