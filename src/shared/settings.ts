import { z } from 'zod';

/**
 * User settings, stored in the app database (one JSON value per key) and validated with zod on
 * every read and write: a value written by a newer app or damaged by hand falls back to its
 * default instead of breaking start-up.
 */
export const syncScheduleSchema = z
  .object({
    enabled: z.boolean(),
    /** Hours between background syncs (issue: default every 6 hours). */
    intervalHours: z.number().int().min(1).max(168),
    /** Days between full reconciliations (issue: weekly). */
    fullReconcileDays: z.number().int().min(1).max(90),
  })
  .strict();

export const notificationSettingsSchema = z
  .object({
    newSales: z.boolean(),
    newEvaluations: z.boolean(),
    cancellations: z.boolean(),
    refunds: z.boolean(),
  })
  .strict();

export const settingsSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    dateDisplay: z.enum(['utc', 'local']),
    /** Rows per XLSX sheet and per JSON/CSV progress step; Excel's limit is 1,048,576 rows. */
    exportPageSize: z.number().int().min(1_000).max(1_048_575),
    defaultSchedule: syncScheduleSchema,
    /** Per-account overrides of the schedule, keyed by account id. */
    schedules: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), syncScheduleSchema),
    /** Off by default per kind (issue 8). */
    notifications: notificationSettingsSchema,
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type SyncSchedule = z.infer<typeof syncScheduleSchema>;

export const defaultSettings: Settings = {
  theme: 'system',
  dateDisplay: 'utc',
  exportPageSize: 1_048_575,
  defaultSchedule: { enabled: true, intervalHours: 6, fullReconcileDays: 7 },
  schedules: {},
  notifications: { newSales: false, newEvaluations: false, cancellations: false, refunds: false },
};

/** A partial update: top-level keys replace their value whole. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function scheduleFor(settings: Settings, accountId: string): SyncSchedule {
  return settings.schedules[accountId] ?? settings.defaultSchedule;
}
