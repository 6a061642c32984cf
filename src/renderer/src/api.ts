import type { EventName, EventPayload, MethodName, RequestOf, ResponseOf } from '../../shared/contract';
import type { AppError } from '../../shared/result';

/**
 * The renderer's only way to main: typed calls through `window.api` (the preload's bridge).
 * Results are unwrapped here so pages handle one thing — a value, or an ApiError whose code the
 * UI can act on (`validation`, `auth.invalid`, …) and whose message is written for the user.
 */
export class ApiError extends Error {
  readonly code: AppError['code'];
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
  }
}

export async function callApi<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await window.api.invoke(method, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function onApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}

/** A message for any thrown value: ApiErrors are already written for people. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
