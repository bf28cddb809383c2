import { STATUS_CODES } from 'node:http';
import { summarizeBody, tryParseJson } from './body-summary';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type DataFramerError,
  type DataFramerErrorDetails,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  SpecNameConflictError,
  UnprocessableEntityError,
} from './errors';
import { readHeader, type HeaderBag } from './headers';
import { MAX_BODY_EXCERPT_BYTES, bodyExcerpt, redact, redactJson } from './redact';
import { parseRetryAfterMs } from './retry-after';

type DataFramerErrorClass = new (message: string, details?: DataFramerErrorDetails) => DataFramerError;

const ERROR_CLASS_BY_STATUS: Readonly<Record<number, DataFramerErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: RequestTimeoutError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** A non-2xx answer, as the client saw it. */
export interface ErrorResponse {
  status: number;
  headers: HeaderBag;
  bodyText: string;
  method: string;
  /** Request path without its query string. */
  path: string;
  /** Strings scrubbed from the message and body (API key, Databricks secrets). */
  secrets?: readonly string[];
}

/** The one place that turns a non-2xx answer into the right `DataFramerError`, with a readable message. */
export function errorFromResponse(response: ErrorResponse): DataFramerError {
  const { status, headers, bodyText, method, path } = response;
  const secrets = response.secrets ?? [];
  const parsed = tryParseJson(bodyText);
  // Redact before summarizing: the summary is cut to a few hundred characters, and a secret across
  // the cut would no longer match as a whole and leave its prefix behind.
  const clean = redact(bodyText, secrets);
  const cleanParsed = parsed === undefined ? undefined : { value: redactJson(parsed.value, secrets) };
  const summary = status >= 300 && status < 400 ? describeRedirect(headers) : summarizeBody(clean, cleanParsed);
  const reason = summary === '' ? `${STATUS_CODES[status] ?? 'no reason'} (empty body)` : summary;
  const ErrorClass = isSpecNameConflict(response, parsed) ? SpecNameConflictError : errorClassFor(status);
  const message = redact(`DataFramer ${method} ${path} answered ${status}: ${reason}`, secrets);
  // A small JSON body is kept parsed (handy for callers); anything larger is cut to an excerpt.
  const keepParsed = parsed !== undefined && Buffer.byteLength(bodyText) <= MAX_BODY_EXCERPT_BYTES;
  const body = keepParsed ? cleanParsed?.value : bodyText === '' ? undefined : bodyExcerpt(bodyText, secrets);
  return new ErrorClass(message, {
    status,
    body,
    requestId: requestIdOf(headers),
    retryAfterMs: parseRetryAfterMs(headers),
  });
}

/** The server's request id (`x-request-id`, else `request-id`), if it sent one. */
export function requestIdOf(headers: HeaderBag): string | undefined {
  return readHeader(headers, 'x-request-id') ?? readHeader(headers, 'request-id');
}

function errorClassFor(status: number): DataFramerErrorClass {
  if (status >= 500) return InternalServerError;
  // Redirects are not followed: one here means a wrong baseUrl, which retrying cannot fix.
  return ERROR_CLASS_BY_STATUS[status] ?? BadRequestError;
}

function describeRedirect(headers: HeaderBag): string {
  const location = readHeader(headers, 'location');
  return `redirect${location === undefined ? '' : ` to ${location}`} not followed: check baseUrl`;
}

// The API reports a duplicate name as a 400 on field `name` (DRF) or as a `detail` sentence; a 409
// with the same words is the same failure. Recognised here so callers need not parse messages.
function isSpecNameConflict(response: ErrorResponse, parsed: { value: unknown } | undefined): boolean {
  const { status, method, path } = response;
  if (method !== 'POST' || !/\/specs\/$/.test(path) || (status !== 400 && status !== 409)) return false;
  if (parsed === undefined || parsed.value === null || typeof parsed.value !== 'object') return false;
  const record = parsed.value as Record<string, unknown>;
  const nameMessages = [record.name].flat().filter((item): item is string => typeof item === 'string');
  const detail = typeof record.detail === 'string' ? record.detail : '';
  return (
    nameMessages.some((message) => /already exists|unique/i.test(message)) ||
    /\bname\b.*\b(already exists|unique)\b/i.test(detail)
  );
}
