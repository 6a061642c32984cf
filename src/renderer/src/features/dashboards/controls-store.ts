import { z } from 'zod';
import { dashboardPresets, hostingValues, resolvePreset, type DashboardControls, type DashboardPreset } from '../../../../shared/contract-dashboards';

/**
 * The shared dashboard controls, remembered across pages and restarts (localStorage, read back
 * through zod so a stale or hand-edited value falls back to the defaults instead of breaking).
 */
export interface ControlsChoice {
  preset: DashboardPreset;
  from: string;
  to: string;
  granularity: 'week' | 'month';
  apps: string[];
  hosting: (typeof hostingValues)[number][];
}

const storageKey = 'mpdesk.dashboard.controls';
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const choiceSchema = z.object({
  preset: z.enum(dashboardPresets),
  from: day,
  to: day,
  granularity: z.enum(['week', 'month']),
  apps: z.array(z.string().max(200)).max(200),
  hosting: z.array(z.enum(hostingValues)).max(3),
});

export function defaultChoice(now: Date): ControlsChoice {
  const range = resolvePreset('last-90-days', now)!;
  return { preset: 'last-90-days', ...range, granularity: 'week', apps: [], hosting: [] };
}

export function loadChoice(now: Date): ControlsChoice {
  try {
    const parsed = choiceSchema.safeParse(JSON.parse(localStorage.getItem(storageKey) ?? 'null'));
    if (!parsed.success) return defaultChoice(now);
    // A preset moves with the calendar: re-resolve it for today.
    const range = resolvePreset(parsed.data.preset, now);
    return range ? { ...parsed.data, ...range } : parsed.data;
  } catch {
    return defaultChoice(now);
  }
}

export function saveChoice(choice: ControlsChoice): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(choice));
  } catch {
    // Storage full or disabled: the choice still holds for this session.
  }
}

export function controlsOf(choice: ControlsChoice): DashboardControls {
  const [from, to] = choice.from <= choice.to ? [choice.from, choice.to] : [choice.to, choice.from];
  return { from, to, granularity: choice.granularity, apps: choice.apps, hosting: choice.hosting };
}
