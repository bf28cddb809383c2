// No imports on purpose: workflow code imports this table, and the workflow bundle must stay free of
// Node built-ins, undici and zod.

/**
 * Every failure the DataFramer layer can raise, by error class name, with whether retrying the same
 * call can succeed. The activity layer turns these into Temporal failure types; nothing else decides.
 */
export const DATAFRAMER_ERROR_KINDS = {
  BadRequestError: { retryable: false, description: '400 (or another unlisted 4xx): the request is wrong' },
  AuthenticationError: { retryable: false, description: '401: API key missing, wrong or revoked' },
  PermissionDeniedError: { retryable: false, description: '403: the key may not do this' },
  NotFoundError: { retryable: false, description: '404: spec or dataset does not exist' },
  RequestTimeoutError: { retryable: true, description: '408: the server gave up waiting for the request' },
  ConflictError: { retryable: true, description: '409: concurrent change; the same call can succeed later' },
  UnprocessableEntityError: { retryable: false, description: '422: well-formed but semantically invalid' },
  RateLimitError: { retryable: true, description: '429: rate limited; honour retryAfterMs' },
  InternalServerError: { retryable: true, description: '5xx: server or proxy failure' },
  ConnectionError: { retryable: true, description: 'no complete HTTP exchange: refused, reset, closed mid-body' },
  TimeoutError: { retryable: true, description: 'connect, headers or body timeout' },
  InvalidResponseError: {
    retryable: true,
    description:
      'answer is not the expected JSON (proxy HTML page, malformed, too large, wrong shape): usually transient',
  },
  InvalidRequestError: { retryable: false, description: 'our own validation refused the request before any HTTP call' },
  SpecNameConflictError: { retryable: false, description: 'a spec with this name already exists' },
} as const satisfies Record<string, { readonly retryable: boolean; readonly description: string }>;

/** Name of a DataFramer error class; also the `type` of the Temporal failure made from it. */
export type DataFramerErrorType = keyof typeof DATAFRAMER_ERROR_KINDS;

/** Error types a retry cannot fix, derived from `DATAFRAMER_ERROR_KINDS` (for `nonRetryableErrorTypes`). */
export const NON_RETRYABLE_DATAFRAMER_ERROR_TYPES: readonly DataFramerErrorType[] = Object.freeze(
  (Object.keys(DATAFRAMER_ERROR_KINDS) as DataFramerErrorType[]).filter(
    (type) => !DATAFRAMER_ERROR_KINDS[type].retryable,
  ),
);

/** Whether an error type names a failure that a retry can fix; false for names not in the table. */
export function isRetryableDataFramerErrorType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(DATAFRAMER_ERROR_KINDS, type)
    ? DATAFRAMER_ERROR_KINDS[type as DataFramerErrorType].retryable
    : false;
}
