/**
 * Cell sums of a full rebuild kept within a bounded heap. A million-licence space has a few
 * hundred thousand revenue-day and licence-delta cells (~170 bytes each in a Map): held together
 * they took the sync worker's live heap past 110 MB and its RSS past 400 MB. Between two reads,
 * `spillIfFull` moves a map that reached `maxCells` to a temporary table as it stands (integer
 * partial sums); `replace` then writes the table's cells summed by SQL. The sums are integers
 * (money in micros, see cells.ts), so adding them in another order or in SQL gives the same
 * cells as the in-memory path: `replace` without a spill is exactly replaceCells.
 */
import type { Db } from '../store';
import { replaceCells, type CellSums } from './cells';

/** Cells a map holds before it spills: ~17 MB of heap. */
export const maxCellsInMemory = 100_000;

export interface CellSpill {
  /** Moves the cells to the temporary table once there are `maxCells` of them (no read may be open). */
  spillIfFull(): void;
  /** Makes the target table hold exactly the non-empty summed cells, and drops the temporary table. */
  replace(): void;
}

export function createCellSpill(db: Db, sums: CellSums, maxCells = maxCellsInMemory): CellSpill {
  const { spec } = sums;
  const temp = `metric_spill_${spec.table}`;
  const keys = spec.keys.map((k) => `"${k}"`);
  const values = spec.values.map((v) => `"${v.name}"`);
  let insert: { run(...params: unknown[]): unknown } | null = null;

  const spill = () => {
    if (insert === null) {
      db.exec(`DROP TABLE IF EXISTS temp.${temp}`);
      db.exec(`CREATE TEMP TABLE ${temp} (${[...keys.map((k) => `${k} TEXT NOT NULL`), ...values.map((v) => `${v} INTEGER NOT NULL`)].join(', ')})`);
      insert = db.prepare(`INSERT INTO temp.${temp} VALUES (${[...keys, ...values].map(() => '?').join(', ')})`);
    }
    for (const [key, cell] of sums.sums) insert.run(...key.split('\u0000'), ...cell);
    sums.sums.clear();
  };

  return {
    spillIfFull() {
      if (sums.sums.size >= maxCells) spill();
    },
    replace() {
      if (insert === null) {
        replaceCells(db, sums);
        return;
      }
      spill();
      // Money is stored in dollars: the micros' sum divided as toStored divides it (one IEEE division of the same integer).
      const summed = spec.values.map((v, i) => (v.money ? `sum(${values[i]}) / 1000000.0` : `sum(${values[i]})`));
      const empty = values.map((v) => `sum(${v}) = 0`).join(' AND ');
      db.exec(`DELETE FROM ${spec.table}`);
      db.exec(
        `INSERT INTO ${spec.table} (${[...keys, ...values].join(', ')})
         SELECT ${[...keys, ...summed].join(', ')} FROM temp.${temp} GROUP BY ${keys.join(', ')} HAVING NOT (${empty}) ORDER BY ${keys.join(', ')}`,
      );
      db.exec(`DROP TABLE temp.${temp}`);
      insert = null;
    },
  };
}
