import { DATAFRAMER_ERROR_KINDS, type DataFramerErrorType } from './error-kinds';

/** What a DataFramer error knows beyond its message; every field is already scrubbed of secrets. */
export interface DataFramerErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** Parsed JSON error body, or a raw text excerpt of at most 2 KB. */
  body?: unknown;
  /** The server's `x-request-id` / `request-id`, to quote when asking DataFramer support. */
  requestId?: string;
  /** Delay the server asked for (`retry-after-ms` / `Retry-After`). */
  retryAfterMs?: number;
  /** The low-level error (undici, zod), kept off `JSON.stringify` output. */
  cause?: unknown;
}

/** Base of every error the DataFramer layer throws; `type` names the class and its retry rule. */
export abstract class DataFramerError extends Error {
  abstract override readonly name: DataFramerErrorType;
  readonly status?: number;
  readonly body?: unknown;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(message: string, details: DataFramerErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.body !== undefined) this.body = details.body;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** The error class name, as the Temporal failure type. */
  get type(): DataFramerErrorType {
    return this.name;
  }

  /** Whether the same call can succeed later, per `DATAFRAMER_ERROR_KINDS`. */
  get retryable(): boolean {
    return DATAFRAMER_ERROR_KINDS[this.name].retryable;
  }
}

/** 400, or a 4xx status with no class of its own, or an unexpected redirect. */
export class BadRequestError extends DataFramerError {
  // Widened so that SpecNameConflictError, a kind of 400, can be one.
  override readonly name: DataFramerErrorType = 'BadRequestError';
}

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends DataFramerError {
  override readonly name = 'AuthenticationError';
}

/** 403: the API key may not do this. */
export class PermissionDeniedError extends DataFramerError {
  override readonly name = 'PermissionDeniedError';
}

/** 404: the spec (or the dataset named at creation) does not exist. */
export class NotFoundError extends DataFramerError {
  override readonly name = 'NotFoundError';
}

/** 408: the server timed out reading the request. */
export class RequestTimeoutError extends DataFramerError {
  override readonly name = 'RequestTimeoutError';
}

/** 409: a concurrent change got in the way. */
export class ConflictError extends DataFramerError {
  override readonly name = 'ConflictError';
}

/** 422: the request is well-formed but the server refuses its content. */
export class UnprocessableEntityError extends DataFramerError {
  override readonly name = 'UnprocessableEntityError';
}

/** 429: rate limited; `retryAfterMs` says how long to wait when the server said so. */
export class RateLimitError extends DataFramerError {
  override readonly name = 'RateLimitError';
}

/** 5xx: the server or a proxy in front of it failed. */
export class InternalServerError extends DataFramerError {
  override readonly name = 'InternalServerError';
}

/** No complete HTTP exchange: refused, reset, or closed before the whole body arrived. */
export class ConnectionError extends DataFramerError {
  override readonly name = 'ConnectionError';
}

/** Connect, response-headers or body timeout. */
export class TimeoutError extends DataFramerError {
  override readonly name = 'TimeoutError';
}

/** The answer is not what the API promises: not JSON, wrong shape, or over the size cap. */
export class InvalidResponseError extends DataFramerError {
  override readonly name = 'InvalidResponseError';
}

/** Our own validation refused the request before any HTTP call. */
export class InvalidRequestError extends DataFramerError {
  override readonly name = 'InvalidRequestError';
}

/**
 * Creating a spec failed because a spec with that name already exists. A `BadRequestError` too, since
 * the API answers it with a 400, so code that handles refused creates in general still catches it.
 */
export class SpecNameConflictError extends BadRequestError {
  override readonly name = 'SpecNameConflictError';
}
