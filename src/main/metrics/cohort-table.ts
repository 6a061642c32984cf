/**
 * The conversion cohorts of a full rebuild, computed in temporary tables: the licences' facts
 * (conversionFacts) are written chunk by chunk, then one INSERT … SELECT picks each evaluation's
 * earliest start and its first paid day on or after it (paid-days.ts) into metric_evaluation.
 * The same rules as createConversion, whose maps of every evaluation and link of a
 * million-licence space (~430 MB) took the sync's worker past its 256 MB heap.
 */
import type { Db } from '../store';
import { CellSums, conversionCells } from './cells';
import { addCohort, conversionFacts, type Cohort, type LicRow } from './licence-lines';
import { paidDaysTable } from './paid-days';

export function createCohortTable(db: Db) {
  db.exec('DROP TABLE IF EXISTS temp.metric_eval_start');
  db.exec('DROP TABLE IF EXISTS temp.metric_eval_link');
  db.exec('CREATE TEMP TABLE metric_eval_start (ident TEXT NOT NULL, day TEXT NOT NULL, addon TEXT NOT NULL, hosting TEXT NOT NULL)');
  db.exec('CREATE TEMP TABLE metric_eval_link (ident TEXT NOT NULL, id TEXT NOT NULL)');
  const insertStart = db.prepare('INSERT INTO temp.metric_eval_start (ident, day, addon, hosting) VALUES (?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT INTO temp.metric_eval_link (ident, id) VALUES (?, ?)');
  let starts: [string, string, string, string][] = [];
  let links: [string, string][] = [];
  const flush = () => {
    for (const s of starts) insertStart.run(...s);
    for (const l of links) insertLink.run(...l);
    starts = [];
    links = [];
  };
  return {
    /** Notes what a licence tells the cohorts (while its read is open: kept until `flush`). */
    add(r: LicRow): void {
      const facts = conversionFacts(r);
      if (facts === null) return;
      for (const id of facts.ids) links.push([facts.ident, id]);
      const e = facts.evaluation;
      if (e) starts.push([facts.ident, e.start, e.addon, e.hosting]);
    },
    /** Writes what was noted (between two reads). */
    flush,
    /** After the paid days are indexed: metric_evaluation rewritten, and its cohorts' cells. */
    finish(): CellSums {
      flush();
      db.exec('CREATE INDEX temp.metric_eval_start_ident ON metric_eval_start (ident, day, addon, hosting)');
      db.exec('CREATE INDEX temp.metric_eval_link_ident ON metric_eval_link (ident, id)');
      db.exec('DELETE FROM metric_evaluation');
      // Each evaluation's least (day, addon, hosting), as createConversion keeps; in key order (B-tree appends).
      db.prepare(
        `INSERT INTO metric_evaluation (ident, day, addon, hosting, converted)
         SELECT e.ident, e.day, e.addon, e.hosting,
           (SELECT min(p.day) FROM temp.metric_eval_link l JOIN ${paidDaysTable} p ON p.id = l.id AND p.day >= e.day WHERE l.ident = e.ident)
         FROM (SELECT ident, day, addon, hosting, row_number() OVER (PARTITION BY ident ORDER BY day, addon, hosting) AS n FROM temp.metric_eval_start) e
         WHERE e.n = 1 ORDER BY e.ident`,
      ).run();
      db.exec('DROP TABLE temp.metric_eval_start');
      db.exec('DROP TABLE temp.metric_eval_link');
      const cells = new CellSums(conversionCells);
      for (const c of db.prepare('SELECT ident, day AS start, addon, hosting, converted FROM metric_evaluation').iterate() as IterableIterator<Cohort>) addCohort(cells, c, 1);
      return cells;
    },
  };
}
