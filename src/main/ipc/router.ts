import { isMethodName, methods, type MethodName } from '../../shared/contract';
import { err, ok, toAppError, type Result } from '../../shared/result';
import type { Handlers } from './handlers';

export interface RouterOptions {
  /** Decides whether a frame URL belongs to the app (the packaged file or the dev server). */
  isTrustedSender: (url: string) => boolean;
  onError?: (method: string, error: unknown) => void;
}

/**
 * Validates and dispatches one IPC call: checks the sender frame, rejects unknown methods before
 * dispatch, parses the payload with the method's zod schema, and turns every failure into an
 * error value (VS Code's validateEvent; STYLE.md).
 */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  return async function dispatch(method: unknown, payload: unknown, senderUrl: string): Promise<Result<unknown>> {
    if (!options.isTrustedSender(senderUrl)) {
      return err('forbidden_sender', 'This call did not come from Marketplace Desk’s own window.');
    }
    if (!isMethodName(method)) {
      return err('unknown_method', `Unknown method: ${typeof method === 'string' ? method.slice(0, 64) : typeof method}`);
    }
    const parsed = methods[method].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      return err('validation', `Invalid request for ${method}${where}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      const handler = handlers[method] as (req: unknown, ctx: { senderUrl: string }) => unknown;
      return ok(await handler(parsed.data, { senderUrl }));
    } catch (e) {
      options.onError?.(method, e);
      return { ok: false, error: toAppError(e) };
    }
  };
}

export type Dispatch = ReturnType<typeof createRouter>;
export type { MethodName };
