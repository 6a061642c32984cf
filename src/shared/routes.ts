import type { ViewStateInput } from './contract-grid';

/**
 * Page routes (the part after `#/`), shared by the menu, notifications, dashboard drill-down and
 * the renderer's router: `overview`, `grid/<dataset>`, `grid/<dataset>?view=<JSON view state>`,
 * `dashboard/<group>`, `settings`.
 */
export function gridRoute(dataset: string, view?: Partial<ViewStateInput>): string {
  if (!view || Object.keys(view).length === 0) return `grid/${dataset}`;
  return `grid/${dataset}?view=${encodeURIComponent(JSON.stringify(view))}`;
}

/** Parses a grid route; the view is returned unvalidated (the renderer validates it with zod). */
export function parseGridRoute(route: string): { dataset: string; view: unknown } | null {
  const match = /^grid\/([a-z0-9-]+)(?:\?view=(.*))?$/.exec(route);
  if (!match) return null;
  if (!match[2]) return { dataset: match[1]!, view: null };
  try {
    return { dataset: match[1]!, view: JSON.parse(decodeURIComponent(match[2])) };
  } catch {
    return { dataset: match[1]!, view: null };
  }
}
