import {
  ConnectionError,
  DataFramerError,
  InvalidRequestError,
  InvalidResponseError,
  TimeoutError,
  type DataFramerErrorDetails,
} from './errors';
import { redact } from './redact';

/** Where a failed exchange was going, for the message. */
export interface NetworkErrorContext {
  method: string;
  /** Request path without its query string. */
  path: string;
  /** The caller's signal: once it has fired, any failure is the cancellation itself. */
  signal?: AbortSignal;
  secrets?: readonly string[];
}

type ErrorClass = new (message: string, details?: DataFramerErrorDetails) => DataFramerError;

const ERROR_CLASS_BY_CODE: Readonly<Record<string, ErrorClass>> = {
  UND_ERR_CONNECT_TIMEOUT: TimeoutError,
  UND_ERR_HEADERS_TIMEOUT: TimeoutError,
  UND_ERR_BODY_TIMEOUT: TimeoutError,
  ETIMEDOUT: TimeoutError,
  // The server spoke, but not HTTP we can read: a broken proxy, most likely, and usually transient.
  UND_ERR_HEADERS_OVERFLOW: InvalidResponseError,
  // undici refused our own arguments (a header with a newline, say): sending again cannot help.
  UND_ERR_INVALID_ARG: InvalidRequestError,
};

/**
 * Turns an error thrown by undici while sending or reading into a `DataFramerError`: timeouts become
 * `TimeoutError`; resets, refusals and bodies cut short become `ConnectionError`. A cancellation is
 * re-thrown as is, so callers see their own abort rather than a failure to retry.
 */
export function errorFromNetwork(err: unknown, context: NetworkErrorContext): DataFramerError {
  if (err instanceof DataFramerError) return err;
  if (context.signal?.aborted === true || isAbortError(err)) throw err;
  const code = errorCode(err);
  const ErrorClass = code?.startsWith('HPE_')
    ? InvalidResponseError
    : ((code === undefined ? undefined : ERROR_CLASS_BY_CODE[code]) ?? ConnectionError);
  const reason = err instanceof Error && err.message !== '' ? err.message : String(err);
  const message = `DataFramer ${context.method} ${context.path} failed${code === undefined ? '' : ` (${code})`}: ${reason}`;
  return new ErrorClass(redact(message, context.secrets ?? []), { cause: err });
}

function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || errorCode(err) === 'UND_ERR_ABORTED');
}

// undici sets `code` on its own errors; Node's socket errors (ECONNRESET) sometimes sit in `cause`.
function errorCode(err: unknown): string | undefined {
  for (let current = err, depth = 0; current instanceof Error && depth < 3; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
  }
  return undefined;
}
