import { useSyncExternalStore } from 'react';
import { useAppearance } from './appearance';

export type ColorScheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function readScheme(): ColorScheme {
  return window.matchMedia(query).matches ? 'dark' : 'light';
}

/**
 * The colour scheme the app shows, live: the Theme setting, or the OS scheme when it is "system".
 * The app's CSS reads it from `data-theme` on <html>, AG Grid from `data-ag-theme-mode` on <body>
 * (both set by theme-mode.ts), ECharts from this hook (features/dashboards/chart-panel.tsx).
 */
export function useColorScheme(): ColorScheme {
  const os = useSyncExternalStore(subscribe, readScheme);
  const { theme } = useAppearance();
  return theme === 'system' ? os : theme;
}
