import { ApiError } from './errors';

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** First back-off; doubled each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * The wait before retry number `attempt` (1-based). A server's Retry-After wins (it knows its
 * load); otherwise exponential back-off with "full jitter" so that the four parallel requests
 * of a sync do not retry in lock-step (AWS architecture blog, "Exponential Backoff And Jitter").
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: ApiError, random = Math.random): number {
  if (error.retryAfterSeconds !== null) return Math.min(error.retryAfterSeconds * 1000, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Waits `ms`, or rejects at once when the signal aborts (cancellation must not wait out a back-off). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelledError(): ApiError {
  return new ApiError('cancelled', 'Sync cancelled.');
}
