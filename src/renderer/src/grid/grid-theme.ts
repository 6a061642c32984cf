import { colorSchemeVariable, themeQuartz } from 'ag-grid-community';

// System fonts only: Quartz's default font would come from Google Fonts, which the CSP (and an
// offline-first app) does not allow.
const fontFamily = ['system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Ubuntu', 'sans-serif'];

/**
 * The grid's theme: Quartz with the app's palette (styles/base.css) in both modes. The mode is
 * picked by `data-ag-theme-mode` on <body>, which theme/theme-mode.ts keeps in step with the OS.
 */
export const gridTheme = themeQuartz
  .withPart(colorSchemeVariable)
  .withParams(
    {
      fontFamily,
      fontSize: 13,
      headerFontWeight: 600,
      accentColor: '#1f5fbf',
      backgroundColor: '#ffffff',
      foregroundColor: '#1b2330',
      headerBackgroundColor: '#f3f5f8',
      oddRowBackgroundColor: '#fafbfc',
      borderColor: '#dde2ea',
      rowHoverColor: '#eef3fb',
      wrapperBorderRadius: 6,
    },
    'light',
  )
  .withParams(
    {
      fontFamily,
      fontSize: 13,
      headerFontWeight: 600,
      accentColor: '#7fb0ff',
      backgroundColor: '#181c23',
      foregroundColor: '#e3e8ef',
      headerBackgroundColor: '#1f242d',
      oddRowBackgroundColor: '#1b2028',
      borderColor: '#323946',
      rowHoverColor: '#252c38',
      wrapperBorderRadius: 6,
    },
    'dark',
  );
