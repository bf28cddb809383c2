import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dispatcher } from 'undici';

/** Where DataFramer's production API lives (the SDKs read `DATAFRAMER_BASE_URL` to override it). */
export const DEFAULT_DATAFRAMER_BASE_URL = 'https://df-api.dataframer.ai';

/** This package's version, for the User-Agent (`src/` and `dist/` both sit two levels under package.json). */
export const PACKAGE_VERSION: string = readPackageVersion();

/** How to reach DataFramer. Only `apiKey` is required. */
export interface DataFramerClientOptions {
  /**
   * API root; may end with a slash or carry a path prefix (`https://proxy.example/dataframer/`).
   * @default 'https://df-api.dataframer.ai'
   */
  baseUrl?: string;
  /** API key, sent as `Authorization: Bearer <apiKey>`; scrubbed from every error. */
  apiKey: string;
  /**
   * Time to open the TCP/TLS connection (the official SDK's value). Ignored with a custom `dispatcher`.
   * @default 5_000
   */
  connectTimeoutMs?: number;
  /**
   * Time from sending the request to receiving the response headers.
   * @default 60_000
   */
  headersTimeoutMs?: number;
  /**
   * Longest silence between two chunks of the response body.
   * @default 60_000
   */
  bodyTimeoutMs?: number;
  /**
   * Largest response body read; a bigger one is an `InvalidResponseError`. A spec's YAML can be large.
   * @default 5 * 1024 * 1024
   */
  maxResponseBytes?: number;
  /**
   * Largest page of `GET /specs/` read (the documented answer is one bare array of every spec of the
   * company: about 300 bytes a spec, so the default holds some 200,000). A bigger page is an
   * `InvalidResponseError`.
   * @default 64 * 1024 * 1024
   */
  maxListResponseBytes?: number;
  /**
   * Product token appended to `dataframer-temporal/<version>` in the User-Agent.
   * @default undefined
   */
  userAgent?: string;
  /**
   * More strings to scrub from error messages and bodies (the worker's Databricks secrets); the API key always is.
   * @default []
   */
  secretsToRedact?: readonly string[];
  /**
   * undici dispatcher to send through instead of the client's own keep-alive `Pool` (tests, proxies);
   * the client does not close it.
   * @default undefined
   */
  dispatcher?: Dispatcher;
}

/** `DataFramerClientOptions` with every default filled in and the base URL split up. */
export interface ResolvedDataFramerClientOptions {
  /** `https://host[:port]`, what the connection pool is keyed on. */
  origin: string;
  /** Path prefix without trailing slash ('' for none); every API path is appended to it. */
  basePath: string;
  apiKey: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  maxListResponseBytes: number;
  /** The full User-Agent header. */
  userAgent: string;
  /** The API key plus `secretsToRedact`. */
  secretsToRedact: readonly string[];
  dispatcher?: Dispatcher;
}

/** Fills the documented defaults and checks the values; throws a `TypeError` naming the bad option. */
export function resolveDataFramerClientOptions(partial: DataFramerClientOptions): ResolvedDataFramerClientOptions {
  const { origin, basePath } = parseBaseUrl(partial.baseUrl ?? DEFAULT_DATAFRAMER_BASE_URL);
  const apiKey = checkApiKey(partial.apiKey);
  const extraSecrets = (partial.secretsToRedact ?? []).filter((secret) => secret !== '');
  const token = partial.userAgent?.trim();
  return {
    origin,
    basePath,
    apiKey,
    connectTimeoutMs: positive('connectTimeoutMs', partial.connectTimeoutMs ?? 5_000),
    headersTimeoutMs: positive('headersTimeoutMs', partial.headersTimeoutMs ?? 60_000),
    bodyTimeoutMs: positive('bodyTimeoutMs', partial.bodyTimeoutMs ?? 60_000),
    maxResponseBytes: positive('maxResponseBytes', partial.maxResponseBytes ?? 5 * 1024 * 1024),
    maxListResponseBytes: positive('maxListResponseBytes', partial.maxListResponseBytes ?? 64 * 1024 * 1024),
    userAgent: `dataframer-temporal/${PACKAGE_VERSION}${token ? ` ${token}` : ''}`,
    secretsToRedact: [apiKey, ...extraSecrets],
    ...(partial.dispatcher === undefined ? {} : { dispatcher: partial.dispatcher }),
  };
}

function parseBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`DataFramer baseUrl is not a valid URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`DataFramer baseUrl must be http(s), got ${url.protocol}`);
  }
  // Credentials, query or fragment in the base URL would leak into logs or be silently dropped.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new TypeError('DataFramer baseUrl must not carry credentials, a query or a fragment');
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('DataFramer apiKey is required (set DATAFRAMER_API_KEY)');
  }
  // Never echo the key itself: this message may end up in logs.
  if (/[\s\p{Cc}]/u.test(apiKey)) {
    throw new TypeError('DataFramer apiKey must not contain whitespace or control characters');
  }
  return apiKey;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`DataFramer ${name} must be a positive number`);
  return value;
}

function readPackageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as unknown;
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
