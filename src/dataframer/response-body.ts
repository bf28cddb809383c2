import { type z } from 'zod';
import { tryParseJson } from './body-summary';
import { errorFromNetwork, type NetworkErrorContext } from './error-from-network';
import { requestIdOf } from './error-from-response';
import { InvalidResponseError } from './errors';
import { readHeader, type HeaderBag } from './headers';
import { bodyExcerpt, redact, redactJson } from './redact';
import { formatZodIssues } from './zod-issues';

/** A response body as undici hands it over. */
export interface ResponseBodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** A complete answer of any status, its body read as text. */
export interface RawResponse {
  status: number;
  headers: HeaderBag;
  bodyText: string;
}

/**
 * Reads a whole body as UTF-8, at most `maxBytes`: a bigger one (announced or actual) is destroyed
 * unread and answered with `InvalidResponseError`. Failures while reading go through `errorFromNetwork`.
 */
export async function readBodyText(
  body: ResponseBodyStream,
  headers: HeaderBag,
  maxBytes: number,
  context: NetworkErrorContext,
  capOption = 'maxResponseBytes',
): Promise<string> {
  const tooLarge = (size: string) =>
    new InvalidResponseError(
      `DataFramer ${context.method} ${context.path} answered ${size}, over ${capOption} (${maxBytes})`,
      { requestId: requestIdOf(headers) },
    );
  const declared = Number(readHeader(headers, 'content-length'));
  if (declared > maxBytes) {
    discard(body);
    throw tooLarge(`${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (err) {
    discard(body);
    throw errorFromNetwork(err, context);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// undici's body emits an AbortError when destroyed unread; with no listener that would crash the process.
function discard(body: ResponseBodyStream): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Where a 2xx body came from, to say so when it cannot be read. */
export interface ParseContext {
  method: string;
  path: string;
  secrets: readonly string[];
}

/**
 * Parses a 2xx body as JSON, scrubs the configured secrets the server may echo (`runtime_params`;
 * not every "Bearer" word: a spec's YAML may hold one), then checks it
 * against `schema`; anything else is an `InvalidResponseError` carrying a redacted excerpt.
 */
export function parseJsonBody<Schema extends z.ZodType>(
  schema: Schema,
  response: RawResponse,
  context: ParseContext,
): z.output<Schema> {
  const parsed = tryParseJson(response.bodyText);
  if (parsed === undefined) throw invalidResponse('a body that is not JSON', response, context);
  const result = schema.safeParse(redactJson(parsed.value, context.secrets, { bearerTokens: false }));
  if (!result.success) {
    throw invalidResponse(`an unexpected body (${formatZodIssues(result.error.issues)})`, response, context);
  }
  return result.data;
}

/** An `InvalidResponseError` for a 2xx answer we cannot use. */
export function invalidResponse(what: string, response: RawResponse, context: ParseContext): InvalidResponseError {
  // Redact before cutting, so a secret across the cut leaves no fragment.
  const start = redact(response.bodyText, context.secrets).slice(0, 120).replace(/\s+/g, ' ');
  const message = `DataFramer ${context.method} ${context.path} answered ${response.status} with ${what}: ${JSON.stringify(start)}`;
  return new InvalidResponseError(redact(message, context.secrets), {
    status: response.status,
    body: bodyExcerpt(response.bodyText, context.secrets),
    requestId: requestIdOf(response.headers),
  });
}
