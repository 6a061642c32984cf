/**
 * Fault injection. Spec grammar (also in `mpdesk simulator --help`):
 *
 *   SPEC  := RULE ( "," RULE )*
 *   RULE  := KIND ( ":" OPTION )*
 *   KIND  := 429 | 500 | 502 | 503 | 504 | reset | truncate | slow | malformed | export-fail | export-stuck
 *   OPTION:= rate=<0..1>      fire on this share of matching requests
 *          | next=<n>         fire on the next n matching requests, then retire
 *          | retryAfter=<s>   Retry-After seconds of a 429 (default 1)
 *          | ms=<n>           delay of `slow` (default 3000)
 *          | path=<text>      only requests whose path contains <text>
 *
 * A rule with neither `rate` nor `next` fires every time. Example:
 *   429:rate=0.1:retryAfter=1,503:next=3,reset:next=1,truncate:next=1,slow:ms=3000:next=2,malformed:next=1,export-fail
 * `reset` drops the connection mid-body; `truncate` ends a body half-way; `malformed` puts a
 * broken record inside the next list page; `export-fail` / `export-stuck` apply to the next
 * async exports started (FAILED, or IN_PROGRESS forever).
 */
import { z } from 'zod';
import { Random } from '../data/random';

export const faultKinds = ['429', '500', '502', '503', '504', 'reset', 'truncate', 'slow', 'malformed', 'export-fail', 'export-stuck'] as const;
export type FaultKind = (typeof faultKinds)[number];

const ruleSchema = z.object({
  kind: z.enum(faultKinds),
  rate: z.coerce.number().min(0).max(1).optional(),
  next: z.coerce.number().int().min(1).optional(),
  retryAfter: z.coerce.number().int().min(0).default(1),
  ms: z.coerce.number().int().min(0).max(600_000).default(3000),
  path: z.string().min(1).optional(),
});
export type FaultRule = z.infer<typeof ruleSchema>;

export class FaultSpecError extends Error {}

export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, ...options] = part.split(':');
    const raw: Record<string, string | undefined> = { kind };
    for (const option of options) {
      const eq = option.indexOf('=');
      const key = eq < 0 ? option : option.slice(0, eq);
      if (!['rate', 'next', 'retryAfter', 'ms', 'path'].includes(key)) throw new FaultSpecError(`fault "${part}": unknown option "${key}"`);
      raw[key] = eq < 0 ? '' : option.slice(eq + 1);
    }
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new FaultSpecError(`fault "${part}": ${issue.path.join('.') || 'rule'} ${issue.message}`);
    }
    rules.push(parsed.data);
  }
  return rules;
}

export class Faults {
  private rules: FaultRule[] = [];
  private readonly rng: Random;

  constructor(seed: number, spec = '') {
    this.rng = new Random(seed, 900);
    this.set(spec);
  }

  set(spec: string): void {
    this.rules = parseFaultSpec(spec);
  }

  add(spec: string): void {
    this.rules.push(...parseFaultSpec(spec));
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** The first rule of one of `kinds` that fires for this path (consuming one `next`). */
  take(kinds: readonly FaultKind[], path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (!kinds.includes(rule.kind) || (rule.path && !path.includes(rule.path))) continue;
      if (rule.next !== undefined) {
        rule.next--;
        this.rules = this.rules.filter((r) => r !== rule || r.next! > 0);
        return rule;
      }
      if (rule.rate === undefined || this.rng.next() < rule.rate) return rule;
    }
    return null;
  }
}
