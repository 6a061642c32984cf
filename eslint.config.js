// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'process', 'readline', 'stream', 'stream/promises', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

/** Process boundaries (STYLE.md): a wrong import is a lint error, not a runtime surprise. */
const boundaries = {
  renderer: {
    paths: [{ name: 'electron', message: 'The renderer has no Electron or Node: talk to main through window.api.' }, ...nodeBuiltins.map((name) => ({ name, message: 'No Node in the renderer.' }))],
    patterns: [
      { group: ['node:*'], message: 'No Node in the renderer.' },
      { group: ['**/main/**', '**/main', '**/preload/**', '**/preload', '**/cli/**'], message: 'The renderer never imports main, preload or cli code: use the contract in src/shared and window.api.' },
    ],
  },
  shared: {
    paths: [{ name: 'electron', message: 'src/shared is pure TypeScript: no Electron.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared is pure TypeScript: no Node.' }))],
    patterns: [
      { group: ['node:*'], message: 'src/shared is pure TypeScript: no Node.' },
      { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer', '**/preload/**', '**/preload', '**/cli/**'], message: 'src/shared imports nothing environment-specific.' },
    ],
  },
  domain: {
    paths: [{ name: 'electron', message: 'Domain code never imports electron (it runs in plain Node for tests and the CLI). Only the thin wiring files may.' }],
    patterns: [{ group: ['**/renderer/**', '**/renderer'], message: 'Main-side code never imports the renderer.' }],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.*/**', 'test/fixtures/lint/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', boundaries.renderer],
    },
  },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', boundaries.shared] } },
  {
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    // The thin Electron wiring: the only main-side files allowed to import electron.
    ignores: ['src/main/index.ts', 'src/main/window.ts', 'src/main/tray.ts', 'src/main/notify.ts', 'src/main/ipc/register.ts', 'src/main/external-links.ts', 'src/main/menu/install.ts', 'src/main/dialogs/electron-dialogs.ts'],
    rules: { 'no-restricted-imports': ['error', boundaries.domain] },
  },
);
