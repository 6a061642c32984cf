import { useSyncExternalStore } from 'react';
import { defaultSettings, type Settings } from '../../../shared/settings';

/**
 * The appearance settings (theme, date display) as a small store the whole renderer reads: the
 * grid's and the dashboards' formatters are plain functions called by AG Grid and ECharts, so they
 * read the current value here rather than through React context. The settings page writes it
 * after each successful `settings.update`; the app loads it once at start (theme/use-appearance-loader).
 */
export type Appearance = Pick<Settings, 'theme' | 'dateDisplay'>;

let current: Appearance = { theme: defaultSettings.theme, dateDisplay: defaultSettings.dateDisplay };
const listeners = new Set<() => void>();

export function getAppearance(): Appearance {
  return current;
}

export function setAppearance(next: Appearance): void {
  if (next.theme === current.theme && next.dateDisplay === current.dateDisplay) return;
  current = { theme: next.theme, dateDisplay: next.dateDisplay };
  for (const listener of listeners) listener();
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

/** The appearance settings, live: a component re-renders when they change. */
export function useAppearance(): Appearance {
  return useSyncExternalStore(subscribe, getAppearance);
}
