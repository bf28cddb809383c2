// Reading a batch source URL from a byte offset as real servers answer: redirects followed (at most
// MAX_SOURCE_REDIRECTS), Range requests whose 206 is checked (Content-Range start, end and total), a
// 206 shorter than asked followed by the next range, a server that ignores Range (200, the whole
// file) skipped to the offset while heartbeating, and a body that ends before its length an error.
import { Context } from '@temporalio/activity';
import { request, type Dispatcher } from 'undici';
import type { SourceFingerprint } from '../workflows/batch/types';
import { fingerprintOf, sourceError, sourceUnreadable } from './batch-source-fingerprint';

/** Redirects followed per request: more is a loop or a misconfiguration. */
export const MAX_SOURCE_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([401, 403, 404, 410]);
/** Between connect and headers, and between two chunks: a server that stalls longer is retried. */
const SOURCE_TIMEOUT_MS = 30_000;

type Response = Dispatcher.ResponseData;

/** Drops an answer's body unread (the error its destruction raises has nobody to tell). */
function discard(response: Response): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}

function header(response: Response, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GET `url` with `range`, following redirects; answers the response and the URL that gave it. */
async function getFollowingRedirects(
  url: string,
  name: string,
  range: string,
): Promise<{ response: Response; url: string }> {
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const response = await request(current, {
      headers: { range },
      signal: Context.current().cancellationSignal,
      headersTimeout: SOURCE_TIMEOUT_MS,
      bodyTimeout: SOURCE_TIMEOUT_MS,
    }).catch((err: unknown) => {
      throw sourceError(`Cannot reach the batch source ${name}: ${String(err)}`);
    });
    if (!REDIRECTS.has(response.statusCode)) return { response, url: current };
    await response.body.dump();
    const location = header(response, 'location');
    if (redirects === MAX_SOURCE_REDIRECTS)
      throw sourceUnreadable(`The batch source ${name} redirected more than ${MAX_SOURCE_REDIRECTS} times`);
    if (location === undefined)
      throw sourceUnreadable(`The batch source ${name} answered ${response.statusCode} without a Location`);
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw sourceUnreadable(`The batch source ${name} redirected to a ${next.protocol} URL`);
    }
    current = next.href;
  }
}

/** `bytes 0-99/1000` → its numbers (total undefined for `*`); undefined when it is not that shape. */
function parseContentRange(value: string | undefined): { start: number; end: number; total?: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [start, end] = [Number(match[1]), Number(match[2])];
  return match[3] === '*' ? { start, end } : { start, end, total: Number(match[3]) };
}

/** The body's bytes after the first `skip`, heartbeating; fails unless `length` bytes came (when known). */
async function* bodyBytes(
  response: Response,
  name: string,
  skip: number,
  length: number | undefined,
): AsyncGenerator<Buffer> {
  let received = 0;
  let complete = false;
  try {
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        Context.current().heartbeat();
        const start = Math.max(0, skip - received);
        received += chunk.length;
        if (start < chunk.length) yield chunk.subarray(start);
      }
    } catch (err) {
      throw sourceError(
        `The batch source ${name} closed the connection after ${received} of ${length ?? '?'} bytes: ${String(err)}`,
      );
    }
    if (length !== undefined && received < length) {
      throw sourceError(`The batch source ${name} ended its answer after ${received} of ${length} bytes`);
    }
    complete = true;
  } finally {
    if (!complete) discard(response);
  }
}

/** Passes the answer's fingerprint to `observe`; a changed source drops the answer unread. */
function observeAnswer(response: Response, size: number | undefined, observe: (seen: SourceFingerprint) => void) {
  try {
    observe(fingerprintOf({ size, etag: header(response, 'etag'), lastModified: header(response, 'last-modified') }));
  } catch (err) {
    discard(response);
    throw err;
  }
}

/** The 206's Content-Range, checked against the range asked for (its start, and no more than asked). */
async function checkedRange(response: Response, name: string, position: number, rangeBytes: number, asked: string) {
  const value = header(response, 'content-range');
  const range = parseContentRange(value);
  if (range && range.start === position && range.end >= range.start && range.end < position + rangeBytes) return range;
  await response.body.dump();
  throw sourceError(`The batch source ${name} answered 206 with Content-Range ${value ?? '(none)'} for ${asked}`);
}

/** 416: the offset is at the end, as the total says; a total past the offset is an error, not the end. */
async function atEnd(response: Response, name: string, position: number, observe: (seen: SourceFingerprint) => void) {
  await response.body.dump();
  const total = /^bytes \*\/(\d+)$/.exec(header(response, 'content-range') ?? '')?.[1];
  observeAnswer(response, total === undefined ? undefined : Number(total), observe);
  if (total !== undefined && Number(total) > position) {
    throw sourceError(`The batch source ${name} refused a range from byte ${position} of its ${total} (416)`);
  }
}

/**
 * The URL's bytes from `offset` to its end, `rangeBytes` per Range request; `observe` sees each
 * answer's fingerprint (size, ETag, Last-Modified) before its bytes.
 */
export async function* urlChunks(
  url: string,
  name: string,
  offset: number,
  rangeBytes: number,
  observe: (fingerprint: SourceFingerprint) => void,
): AsyncGenerator<Buffer> {
  let current = url;
  for (let position = offset; ;) {
    const asked = `bytes=${position}-${position + rangeBytes - 1}`;
    const answer = await getFollowingRedirects(current, name, asked);
    const { response } = answer;
    current = answer.url;
    if (response.statusCode === 200) {
      // Range ignored: the whole file, skipped to the offset (heartbeating, so a slow one does not time out).
      const length = header(response, 'content-length');
      const size = length === undefined ? undefined : Number(length);
      observeAnswer(response, size, observe);
      yield* bodyBytes(response, name, position, size);
      return;
    }
    if (response.statusCode === 416) return atEnd(response, name, position, observe);
    if (response.statusCode !== 206) {
      await response.body.dump();
      const message = `The batch source ${name} answered HTTP ${response.statusCode}`;
      throw PERMANENT.has(response.statusCode) ? sourceUnreadable(message) : sourceError(message);
    }
    const range = await checkedRange(response, name, position, rangeBytes, asked);
    observeAnswer(response, range.total, observe);
    yield* bodyBytes(response, name, 0, range.end - range.start + 1);
    position = range.end + 1;
    // A 206 shorter than asked is not the end: only the total says where the file ends.
    if (range.total !== undefined && position >= range.total) return;
  }
}
