import { type z } from 'zod';
import { InvalidRequestError, InvalidResponseError } from './errors';
import { type RawResponse } from './response-body';
import { type ApiRequest, type TimedResponse } from './send-request';
import { serverClockOffsetMs } from './server-clock';

/**
 * Body cap of the run and evaluation reads and lists, whatever `maxResponseBytes` says when smaller:
 * a finished run lists every generated file and an evaluation classifies every sample (2.4 MB and
 * 4.9 MB at 20,000 samples in the simulator; real paths and properties are longer). Refusing such
 * an answer would be an `InvalidResponseError`, retried forever, so the job could never be seen to end.
 */
export const JOB_RESPONSE_BYTES_CAP = 64 * 1024 * 1024;

/** Most pages a list follows before deciding the server is looping. */
export const MAX_LIST_PAGES = 100;

/**
 * What the resource methods (runs, evaluations) need from `DataFramerClient`: one request, its
 * paths, and parsing, all with the client's pool, base path and secrets. Never exposes the API key.
 */
export interface ApiTransport {
  send(request: ApiRequest): Promise<TimedResponse>;
  /** `/<base>/api/dataframer/<segments>/`; `{ id, what }` segments are checked and URL-encoded. */
  path(...segments: (string | { id: string; what: string })[]): string;
  /** Parses a 2xx JSON body against `schema`, else `InvalidResponseError` with a redacted excerpt. */
  parse<Schema extends z.ZodType>(
    schema: Schema,
    response: RawResponse,
    method: string,
    path: string,
  ): z.output<Schema>;
  /** The path and query of a DRF `next` link, refused unless it is on the client's own origin. */
  nextPage(next: string, response: RawResponse, currentPath: string): Pick<ApiRequest, 'path' | 'query'>;
}

/** Checks an id before it becomes a path segment; a blank one is our caller's mistake. */
export function checkId(id: unknown, what: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new InvalidRequestError(`DataFramer ${what} must be a non-empty string`);
  }
  return id;
}

/** A whole list, and how far DataFramer's clock runs from ours by the `Date` of its pages. */
export interface TimedList<Item> {
  items: Item[];
  /** DataFramer's clock minus ours (negative: behind), by the last page's `Date`; undefined when it sent none. */
  serverClockOffsetMs: number | undefined;
}

/**
 * Every item of a list that answers a bare array or DRF pages `{ results, next }`, following
 * `next` up to `MAX_LIST_PAGES`; a loop or an endless list is an `InvalidResponseError`.
 */
export async function collectPages<Item>(
  transport: ApiTransport,
  firstPath: string,
  schema: z.ZodType<{ items: Item[]; next: string | null }>,
  signal: AbortSignal | undefined,
): Promise<Item[]> {
  return (await collectTimedPages(transport, firstPath, schema, signal)).items;
}

/** {@link collectPages}, with DataFramer's clock as its `Date` headers tell it (adoption windows need it). */
export async function collectTimedPages<Item>(
  transport: ApiTransport,
  firstPath: string,
  schema: z.ZodType<{ items: Item[]; next: string | null }>,
  signal: AbortSignal | undefined,
): Promise<TimedList<Item>> {
  const items: Item[] = [];
  let offset: number | undefined;
  const seen = new Set<string>();
  let page: Pick<ApiRequest, 'path' | 'query'> | undefined = { path: firstPath };
  while (page !== undefined) {
    const key = `${page.path}?${new URLSearchParams(page.query).toString()}`;
    if (seen.size >= MAX_LIST_PAGES || seen.has(key)) {
      throw new InvalidResponseError(
        `DataFramer GET ${page.path} returned a list that loops or runs past ${MAX_LIST_PAGES} pages`,
      );
    }
    seen.add(key);
    const request = { method: 'GET' as const, ...page, minResponseBytesCap: JOB_RESPONSE_BYTES_CAP };
    const response = await transport.send({ ...request, ...(signal && { signal }) });
    const list: { items: Item[]; next: string | null } = transport.parse(schema, response, 'GET', page.path);
    items.push(...list.items);
    offset = serverClockOffsetMs(response.headers, response.sentAtMs, response.receivedAtMs) ?? offset;
    page = list.next === null ? undefined : transport.nextPage(list.next, response, page.path);
  }
  return { items, serverClockOffsetMs: offset };
}
