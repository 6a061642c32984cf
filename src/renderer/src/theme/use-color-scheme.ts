import { useSyncExternalStore } from 'react';

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
 * The OS colour scheme, live. The app's CSS follows it through `prefers-color-scheme` alone;
 * AG Grid's theme needs to be told, through `data-ag-theme-mode` (see grid/grid-theme.ts).
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, readScheme);
}
