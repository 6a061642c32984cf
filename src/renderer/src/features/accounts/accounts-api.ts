import type { MethodName, RequestOf, ResponseOf } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';

/** An error answer of the main process, kept as a value the form can act on by code. */
export class ApiError extends Error {
  readonly code: AppError['code'];
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
  }
}

/** Calls a contract method through `window.api`; an error answer becomes an ApiError. */
export async function callApi<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = await window.api.invoke(method, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
