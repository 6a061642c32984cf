import type { z } from 'zod';

export interface MethodDef<Owner extends 'data' | 'main', Req extends z.ZodType, Res> {
  /** `data`: answered by the data service (worker thread); `main`: by the main process itself. */
  readonly owner: Owner;
  readonly request: Req;
  /** Phantom carrier for the response type (responses come from our own code, not parsed). */
  readonly response: Res;
}

/** A method answered by the data service: `dataMethod<Response>()(requestSchema)`. */
export function dataMethod<Res>() {
  return <Req extends z.ZodType>(request: Req): MethodDef<'data', Req, Res> => ({ owner: 'data', request, response: undefined as unknown as Res });
}

/** A method answered by the main process (keychain, dialogs, windows). */
export function mainMethod<Res>() {
  return <Req extends z.ZodType>(request: Req): MethodDef<'main', Req, Res> => ({ owner: 'main', request, response: undefined as unknown as Res });
}
