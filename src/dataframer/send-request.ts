import { type Dispatcher } from 'undici';
import { type ResolvedDataFramerClientOptions } from './client-options';
import { errorFromNetwork, type NetworkErrorContext } from './error-from-network';
import { errorFromResponse } from './error-from-response';
import { type HeaderBag } from './headers';
import { readBodyText, type RawResponse } from './response-body';

/** One HTTP exchange to make. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Full path including the base path, e.g. `/api/dataframer/specs/`. */
  path: string;
  query?: Readonly<Record<string, string>> | URLSearchParams;
  json?: unknown;
  signal?: AbortSignal;
  /**
   * A larger body cap for this request (the configured `maxResponseBytes` still applies when larger):
   * for answers whose size grows with the job, where refusing them would only be retried forever.
   */
  minResponseBytesCap?: number;
  /** Secrets of this request only (a Databricks secret in the body), scrubbed like the configured ones. */
  secrets?: readonly string[];
  /** Largest body read for this request instead of `maxResponseBytes`, and the option that set it (spec lists). */
  bodyCap?: { bytes: number; option: string };
}

/** A 2xx answer, with when it was sent and received by our clock (to read the server's clock off it). */
export interface TimedResponse extends RawResponse {
  sentAtMs: number;
  receivedAtMs: number;
}

/**
 * Sends one request (no retries: Temporal's retry policies own those), reads the whole body, and
 * returns 2xx answers; anything else throws the matching `DataFramerError`. Cancellation via `signal`
 * rejects with the caller's abort error.
 */
export async function sendRequest(
  dispatcher: Dispatcher,
  options: ResolvedDataFramerClientOptions,
  request: ApiRequest,
): Promise<TimedResponse> {
  const sentAtMs = Date.now();
  const secrets = [...options.secretsToRedact, ...(request.secrets ?? [])];
  const context: NetworkErrorContext = { method: request.method, path: request.path, secrets };
  if (request.signal !== undefined) context.signal = request.signal;
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: options.origin,
      method: request.method,
      path: withQuery(request.path, request.query),
      headers: requestHeaders(options, request.json !== undefined),
      body: request.json === undefined ? null : JSON.stringify(request.json),
      signal: request.signal ?? null,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
  } catch (err) {
    throw errorFromNetwork(err, context);
  }
  const headers = response.headers as HeaderBag;
  const receivedAtMs = Date.now();
  const cap = request.bodyCap ?? {
    bytes: Math.max(options.maxResponseBytes, request.minResponseBytesCap ?? 0),
    option: 'maxResponseBytes',
  };
  const bodyText = await readBodyText(response.body, headers, cap.bytes, context, cap.option);
  const result = { status: response.statusCode, headers, bodyText, sentAtMs, receivedAtMs };
  if (result.status >= 200 && result.status < 300) return result;
  throw errorFromResponse({ ...result, method: request.method, path: request.path, secrets });
}

function requestHeaders(options: ResolvedDataFramerClientOptions, hasBody: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${options.apiKey}`,
    accept: 'application/json',
    'user-agent': options.userAgent,
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
  };
}

function withQuery(path: string, query: ApiRequest['query']): string {
  const search = new URLSearchParams(query).toString();
  return search === '' ? path : `${path}?${search}`;
}
