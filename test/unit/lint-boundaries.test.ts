import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Proves the import-boundary rules of eslint.config.js reject wrong imports (STYLE.md: a wrong
// import is an error, not a runtime surprise).
const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') });

async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The first lint loads typescript-eslint's parser: seconds on a loaded 2-core machine.
describe('import boundaries', { timeout: 60_000 }, () => {
  it('rejects a renderer → main import', async () => {
    const messages = await restrictedImports("import { openDatabase } from '../../main/store';\nexport const x = openDatabase;\n", 'src/renderer/src/bad.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/never imports main/);
  });

  it('rejects Node and Electron in the renderer', async () => {
    expect(await restrictedImports("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'src/renderer/src/bad.ts')).toHaveLength(1);
    expect(await restrictedImports("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'src/renderer/src/bad.ts')).toHaveLength(1);
  });

  it('keeps src/shared free of environment-specific imports', async () => {
    expect(await restrictedImports("import { join } from 'node:path';\nexport const x = join;\n", 'src/shared/bad.ts')).toHaveLength(1);
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'src/shared/bad.ts')).toHaveLength(1);
  });

  it('keeps electron out of domain code but allows the wiring files', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'src/main/store/bad.ts')).toHaveLength(1);
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'src/cli/bad.ts')).toHaveLength(1);
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'src/main/index.ts')).toHaveLength(0);
  });

  it('allows the renderer to import the shared contract', async () => {
    expect(await restrictedImports("import { methods } from '../../shared/contract';\nexport const x = methods;\n", 'src/renderer/src/ok.ts')).toHaveLength(0);
  });
});
