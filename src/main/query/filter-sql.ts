import type { ColumnDef, RecordDataset } from '../../shared/catalogue';
import { datePresets, type ColumnFilter, type FilterModel } from '../../shared/contract-grid';
import { AppFailure } from '../../shared/result';
import { quoteIdent } from '../store';
import { requireColumn } from './columns';
import { dayOf, nextDay, presetRange, type DatePreset } from './dates';

export type SqlParam = string | number;

/** A WHERE fragment with its bound parameters; values never enter the SQL text. */
export interface SqlPart {
  sql: string;
  params: SqlParam[];
}

type TextCondition = Extract<ColumnFilter, { filterType: 'text'; type: string }>;
type NumberCondition = Extract<ColumnFilter, { filterType: 'number'; type: string }>;
type DateCondition = Extract<ColumnFilter, { filterType: 'date'; type: string }>;
type SetFilter = Extract<ColumnFilter, { filterType: 'set' }>;

const textTypes = new Set(['text', 'enum', 'json']);
const numberTypes = new Set(['number', 'money']);

function invalid(message: string): never {
  throw new AppFailure('validation', message);
}

/** Escapes LIKE wildcards so `%`, `_` and `\` in a value match themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** ASCII letters to lower case, as SQLite's NOCASE and LIKE fold them (other letters stay). */
function foldAscii(value: string): string {
  return value.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/**
 * The least string above every string that starts with `prefix` (already folded), compared as
 * NOCASE compares: folded UTF-8 bytes, which order as code points do. The last code point is
 * stepped up, over the upper-case letters (folded away, so `@` is followed by `[`) and the
 * surrogates; null when no such string exists (a prefix of U+10FFFF only).
 */
export function nocasePrefixEnd(prefix: string): string | null {
  const points = Array.from(prefix, (ch) => ch.codePointAt(0)!);
  while (points.length > 0) {
    let next = points.pop()! + 1;
    if (next >= 0x41 && next <= 0x5a) next = 0x5b;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next <= 0x10ffff) return String.fromCodePoint(...points, next);
  }
  return null;
}

/**
 * "equals", "not equal" and "starts with" compare case-insensitively as LIKE does (ASCII
 * letters only), but as NOCASE comparisons a lookup column's NOCASE index can serve (LIKE, on
 * a column declared BINARY, never uses an index): equality as `= ? COLLATE NOCASE`, a prefix as
 * the range of strings that start with it.
 */
function textSql(c: string, cond: TextCondition): SqlPart {
  const raw = cond.filter ?? '';
  const v = escapeLike(raw);
  const like = (pattern: string, negate: boolean): SqlPart =>
    negate ? { sql: `(${c} IS NULL OR ${c} NOT LIKE ? ESCAPE '\\')`, params: [pattern] } : { sql: `${c} LIKE ? ESCAPE '\\'`, params: [pattern] };
  switch (cond.type) {
    case 'contains':
      return like(`%${v}%`, false);
    case 'notContains':
      return like(`%${v}%`, true);
    case 'equals':
      return { sql: `${c} = ? COLLATE NOCASE`, params: [raw] };
    case 'notEqual':
      return { sql: `(${c} IS NULL OR ${c} <> ? COLLATE NOCASE)`, params: [raw] };
    case 'startsWith': {
      if (raw === '') return { sql: `${c} IS NOT NULL`, params: [] };
      const from = foldAscii(raw);
      const to = nocasePrefixEnd(from);
      if (to === null) return { sql: `${c} >= ? COLLATE NOCASE`, params: [from] };
      return { sql: `(${c} >= ? COLLATE NOCASE AND ${c} < ? COLLATE NOCASE)`, params: [from, to] };
    }
    case 'endsWith':
      return like(`%${v}`, false);
    case 'blank':
      return { sql: `(${c} IS NULL OR ${c} = '')`, params: [] };
    case 'notBlank':
      return { sql: `(${c} IS NOT NULL AND ${c} <> '')`, params: [] };
  }
}

function numberSql(c: string, cond: NumberCondition): SqlPart {
  const a = cond.filter ?? 0;
  const b = cond.filterTo ?? 0;
  const op = { equals: '=', notEqual: '<>', lessThan: '<', lessThanOrEqual: '<=', greaterThan: '>', greaterThanOrEqual: '>=' } as const;
  switch (cond.type) {
    case 'blank':
      return { sql: `${c} IS NULL`, params: [] };
    case 'notBlank':
      return { sql: `${c} IS NOT NULL`, params: [] };
    case 'inRange':
      return { sql: `${c} BETWEEN ? AND ?`, params: [Math.min(a, b), Math.max(a, b)] };
    default:
      return { sql: `${c} ${op[cond.type]} ?`, params: [a] };
  }
}

function day(value: string | null | undefined): string {
  try {
    return dayOf(value ?? '');
  } catch {
    return invalid(`"${String(value).slice(0, 40)}" is not a calendar date (YYYY-MM-DD).`);
  }
}

/** Dates are ISO text; comparing against day boundaries keeps the column's index usable. */
function dateSql(c: string, cond: DateCondition, now: Date): SqlPart {
  const range = (from: string, to: string): SqlPart => ({ sql: `(${c} >= ? AND ${c} < ?)`, params: [from, to] });
  if ((datePresets as readonly string[]).includes(cond.type)) {
    const r = presetRange(cond.type as DatePreset, now);
    return range(r.from, r.to);
  }
  switch (cond.type) {
    case 'blank':
      return { sql: `(${c} IS NULL OR ${c} = '')`, params: [] };
    case 'notBlank':
      return { sql: `(${c} IS NOT NULL AND ${c} <> '')`, params: [] };
    case 'equals': {
      const d = day(cond.dateFrom);
      return range(d, nextDay(d));
    }
    case 'notEqual': {
      const d = day(cond.dateFrom);
      return { sql: `(${c} < ? OR ${c} >= ?)`, params: [d, nextDay(d)] };
    }
    case 'lessThan':
      return { sql: `${c} < ?`, params: [day(cond.dateFrom)] };
    case 'greaterThan':
      return { sql: `${c} >= ?`, params: [nextDay(day(cond.dateFrom))] };
    case 'inRange': {
      const [lo, hi] = [day(cond.dateFrom), day(cond.dateTo)].sort();
      return range(lo!, nextDay(hi!));
    }
    default:
      return invalid(`Unsupported date filter "${cond.type}".`);
  }
}

/** Set values must have the column's own type: text for text/enum/date, numbers, 0/1 for booleans. */
function setValue(column: ColumnDef, value: string | number | boolean): SqlParam {
  if (column.type === 'boolean') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === 0 || value === 1) return value;
  } else if (numberTypes.has(column.type)) {
    if (typeof value === 'number') return value;
  } else if (typeof value === 'string') {
    return value;
  }
  return invalid(`Value ${JSON.stringify(value).slice(0, 40)} does not fit column "${column.name}" (${column.type}).`);
}

function setSql(c: string, column: ColumnDef, filter: SetFilter): SqlPart {
  if (column.type === 'json') invalid(`Column "${column.name}" cannot take a value-list filter.`);
  const values = filter.values.filter((v) => v !== null).map((v) => setValue(column, v));
  const parts: string[] = [];
  // One value as `=`: SQLite tests a one-element IN list through an ephemeral table, twice as slow per row.
  if (values.length === 1) parts.push(`${c} = ?`);
  else if (values.length > 1) parts.push(`${c} IN (${values.map(() => '?').join(', ')})`);
  if (filter.values.includes(null)) parts.push(`${c} IS NULL`);
  return { sql: parts.length > 0 ? `(${parts.join(' OR ')})` : '0', params: values };
}

function conditionSql(column: ColumnDef, filter: ColumnFilter, now: Date, unindexed: boolean): SqlPart {
  // Unary + leaves the value as it is (no affinity either side: values are bound in the column's
  // own type) but keeps the planner from driving the query by this column's indexes.
  const c = `${unindexed ? '+' : ''}${quoteIdent(column.name)}`;
  if ('conditions' in filter) {
    const parts = filter.conditions.map((cond) => conditionSql(column, cond as ColumnFilter, now, unindexed));
    return { sql: `(${parts.map((p) => p.sql).join(` ${filter.operator} `)})`, params: parts.flatMap((p) => p.params) };
  }
  const mismatch = () => invalid(`Column "${column.name}" (${column.type}) cannot take a ${filter.filterType} filter.`);
  switch (filter.filterType) {
    case 'set':
      return setSql(c, column, filter);
    case 'text':
      return textTypes.has(column.type) ? textSql(c, filter) : mismatch();
    case 'number':
      return numberTypes.has(column.type) ? numberSql(c, filter) : mismatch();
    case 'date':
      return column.type === 'date' ? dateSql(c, filter, now) : mismatch();
  }
}

/**
 * The column filters as WHERE fragments, one per filtered column, keyed by column so facets
 * can leave a column's own filter out. `unindexed`: the same conditions on `+column`, for a
 * block that walks the sort index and tests the filters on the way (see `chooseBlockPlan`).
 */
export function compileFilterModel(dataset: RecordDataset, model: FilterModel, now: Date, { unindexed = false } = {}): Map<string, SqlPart> {
  const parts = new Map<string, SqlPart>();
  for (const [name, filter] of Object.entries(model)) {
    parts.set(name, conditionSql(requireColumn(dataset, name), filter, now, unindexed));
  }
  return parts;
}
