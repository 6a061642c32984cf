import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/shared/contract-grid';
import { csvLines } from '../../../src/main/export/csv-text';
import { createRandom } from '../query/fixtures';

// The export's CSV writer against a well-kept one (csv-stringify) and a parser (papaparse).
const awkward = ['', ' ', 'plain', 'a,b', 'say "hi"', '"', '""', 'line\nbreak', 'cr\rhere', 'crlf\r\n', 'Zoë Ünïcode', 'RTBF', "O'Brien & Sons", '=1+2', 'tab\there', '\\', ',', '\u2028'];

function randomRows(seed: number, n: number): CellValue[][] {
  const r = createRandom(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: 7 }, (): CellValue => {
      const kind = r.int(0, 4);
      if (kind === 0) return null;
      if (kind === 1) return r.pick([0, -50, 99.5, 1200, 1e21, 0.1 + 0.2, -0]);
      if (kind === 2) return r.pick(awkward);
      return Array.from({ length: r.int(0, 3) }, () => r.pick(awkward)).join(r.pick(['', ',', '"', '\n', 'x']));
    }),
  );
}

describe('csvLines', () => {
  it('writes what csv-stringify writes, byte for byte', () => {
    const rows = randomRows(1, 3000);
    expect(csvLines(rows)).toBe(stringify(rows));
  });

  it('parses back to the same fields (NULL as an empty field)', () => {
    const rows = randomRows(2, 3000);
    const parsed = Papa.parse<string[]>(csvLines(rows), { skipEmptyLines: false }).data.slice(0, rows.length);
    expect(parsed).toEqual(rows.map((row) => row.map((v) => (v === null ? '' : String(v)))));
  });

  it('quotes only the fields that need it', () => {
    expect(csvLines([['a', 1, null, 'b,c', 'say "x"', 'l\nm']])).toBe('a,1,,"b,c","say ""x""","l\nm"\n');
    expect(csvLines([])).toBe('');
  });
});
