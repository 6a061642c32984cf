import type { ColumnState } from 'ag-grid-community';
import { z } from 'zod';

/**
 * Column layout (order, widths, visibility, pinning, sort) remembered per data set on this
 * computer, so a grid opens as it was left. Kept in localStorage: it is a preference of this
 * window, not data, and a damaged entry is simply forgotten.
 */
const storageKey = (dataset: string) => `mpdesk.grid.columns.${dataset}`;

const columnStateSchema = z.array(
  z.object({
    colId: z.string().min(1).max(64),
    width: z.number().positive().max(5000).optional(),
    hide: z.boolean().nullish(),
    pinned: z.enum(['left', 'right']).nullish(),
    sort: z.enum(['asc', 'desc']).nullish(),
    sortIndex: z.number().int().min(0).nullish(),
  }),
);

export function loadColumnLayout(dataset: string): ColumnState[] | null {
  try {
    const text = window.localStorage.getItem(storageKey(dataset));
    if (!text) return null;
    const parsed = columnStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveColumnLayout(dataset: string, state: readonly ColumnState[]): void {
  const kept = state.map(({ colId, width, hide, pinned, sort, sortIndex }) => ({ colId, width, hide, pinned, sort, sortIndex }));
  try {
    window.localStorage.setItem(storageKey(dataset), JSON.stringify(kept));
  } catch {
    // Storage full or unavailable: the layout is a convenience, the grid works without it.
  }
}

export function forgetColumnLayout(dataset: string): void {
  try {
    window.localStorage.removeItem(storageKey(dataset));
  } catch {
    // As above.
  }
}
