import { useEffect } from 'react';
import { useColorScheme } from './use-color-scheme';

/** Tells AG Grid's theme (grid/grid-theme.ts) the OS colour scheme; the app's CSS reads it itself. */
export function useThemeMode(): void {
  const scheme = useColorScheme();
  useEffect(() => {
    document.body.dataset.agThemeMode = scheme;
  }, [scheme]);
}
