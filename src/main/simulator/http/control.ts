/**
 * The control path `/__sim/…`, served only when the simulator was started for tests or demo
 * (otherwise 404). Requests are validated with zod.
 *   POST /__sim/advance?days=N          move the clock (new sales, renewals, cancellations, silent rewrites)
 *   POST /__sim/rewrite                 rewrite one old record now without bumping lastUpdated
 *   GET  /__sim/faults                  list the active fault rules
 *   POST /__sim/faults?spec=SPEC        replace the fault rules (empty spec clears); &mode=add appends
 *   POST /__sim/exports/{id}/fail       mark an async export FAILED
 *   POST /__sim/forbid?reports=sales,other   answer 403 for those reports (empty: none)
 *   POST /__sim/expire-urls             expire every presigned URL issued so far
 *   GET  /__sim/state                   clock, counts, data version
 */
import { z } from 'zod';
import type { SimulatorControl } from '../index';
import { HttpError } from './errors';
import type { Reply } from './reply';

const advanceSchema = z.object({ days: z.coerce.number().int().min(1).max(3650) });
const faultsSchema = z.object({ spec: z.string().default(''), mode: z.enum(['replace', 'add']).default('replace') });
const forbidSchema = z.object({
  reports: z
    .string()
    .default('')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(['sales', 'other']))),
});

function parse<T extends z.ZodType>(schema: T, params: URLSearchParams): z.infer<T> {
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new HttpError(400, `Invalid control request: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export function handleControl(control: SimulatorControl, method: string, path: string, params: URLSearchParams): Reply {
  const ok = (json: unknown): Reply => ({ status: 200, json });
  if (path === '/__sim/state' && method === 'GET') return ok(control.state());
  if (method !== 'POST' && !(path === '/__sim/faults' && method === 'GET')) throw new HttpError(405, 'Control requests are POSTs');
  if (path === '/__sim/advance') return ok(control.advance(parse(advanceSchema, params).days));
  if (path === '/__sim/rewrite') return ok({ rewrite: control.rewriteSilently() });
  if (path === '/__sim/faults') {
    if (method === 'GET') return ok({ faults: control.faults() });
    const { spec, mode } = parse(faultsSchema, params);
    try {
      if (mode === 'add') control.addFaults(spec);
      else control.setFaults(spec);
    } catch (e) {
      throw new HttpError(400, e instanceof Error ? e.message : String(e));
    }
    return ok({ faults: control.faults() });
  }
  const fail = /^\/__sim\/exports\/([^/]+)\/fail$/.exec(path);
  if (fail) {
    control.failExport(fail[1]!);
    return ok({ id: fail[1], status: 'FAILED' });
  }
  if (path === '/__sim/forbid') {
    const { reports } = parse(forbidSchema, params);
    control.forbid(reports);
    return ok({ forbidden: reports });
  }
  if (path === '/__sim/expire-urls') {
    control.expirePresignedUrls();
    return ok({ expired: true });
  }
  throw new HttpError(404, `Unknown control path ${path}`);
}
