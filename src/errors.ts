/**
 * One error model. An AppError carries a stable code, an HTTP status, a public message and an
 * optional private detail that is logged but never sent.
 */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rejected: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  /** Sent as Retry-After (429, 503). */
  retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

/** Too many requests; the caller may try again after this many seconds. */
export function rateLimited(message: string, retryAfterSeconds: number): AppError {
  const error = new AppError('rate_limited', message);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

export const notFound = (what = 'That page') => new AppError('not_found', `${what} was not found.`);
export const badRequest = (message: string) => new AppError('bad_request', message);
