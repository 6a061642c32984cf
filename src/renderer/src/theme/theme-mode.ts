import { useEffect } from 'react';
import { callApi } from '../api';
import { setAppearance } from './appearance';
import { useColorScheme } from './use-color-scheme';

/**
 * Loads the appearance settings once at start, and keeps the document's theme attributes in step
 * with the chosen scheme: `data-theme` for the app's CSS (styles/base.css), `data-ag-theme-mode`
 * for AG Grid (grid/grid-theme.ts). Until the settings arrive the OS scheme is shown (the default).
 */
export function useThemeMode(): void {
  useEffect(() => {
    let live = true;
    // A failure leaves the defaults in place; the settings page reports read errors itself.
    callApi('settings.get', {}).then(
      (s) => live && setAppearance(s),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  const scheme = useColorScheme();
  useEffect(() => {
    document.documentElement.dataset.theme = scheme;
    document.body.dataset.agThemeMode = scheme;
  }, [scheme]);
}
