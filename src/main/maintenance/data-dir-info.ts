import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of every regular file under a folder (symlinks are not followed); 0 when it does not exist. */
export function measureFolder(path: string): number {
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) bytes += measureFolder(full);
    else if (entry.isFile()) bytes += lstatSync(full).size;
  }
  return bytes;
}
