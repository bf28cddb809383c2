import { tryDurationToMs } from '../common/durations';

// Parsers for one environment variable each. A parser returns the value, or undefined after pushing
// one line to `problems`, so the loader can report every bad variable at once. Only values of
// non-secret variables are quoted back, and only the first 80 characters of them.

/** The lines a loader collects, one per missing or bad variable. */
export type Problems = string[];

const MAX_QUOTED_CHARS = 80;

function quote(raw: string): string {
  return JSON.stringify(raw.length > MAX_QUOTED_CHARS ? `${raw.slice(0, MAX_QUOTED_CHARS)}...` : raw);
}

const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** `host:port`, where host is a name, an IPv4 address or a bracketed IPv6 address. */
export function parseHostPort(name: string, raw: string, problems: Problems): string | undefined {
  const port = HOST_PORT.exec(raw)?.[1];
  if (port !== undefined && Number(port) >= 1 && Number(port) <= 65_535) return raw;
  problems.push(`${name} must be host:port (for example 127.0.0.1:7233), got ${quote(raw)}`);
  return undefined;
}

/** An http(s) URL with no credentials (they would end up in logs), query or fragment (they would be dropped). */
export function parseHttpUrl(name: string, raw: string, problems: Problems): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name} must be an http or https URL, got ${quote(raw)}`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    problems.push(`${name} must not contain a user name or password (value not shown)`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${name} must be an http or https URL, got ${quote(raw)}`);
    return undefined;
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push(`${name} must not have a query or fragment, got ${quote(raw)}`);
    return undefined;
  }
  return raw;
}

/** A secret sent in an HTTP header: no whitespace or control characters inside. Never quoted back. */
export function parseSecretToken(name: string, raw: string, problems: Problems): string | undefined {
  if (!/[\s\p{Cc}]/u.test(raw)) return raw;
  problems.push(`${name} must not contain whitespace or control characters (value not shown)`);
  return undefined;
}

/** A whole number greater than zero, written in decimal digits. */
export function parsePositiveInteger(name: string, raw: string, problems: Problems): number | undefined {
  const value = Number(raw);
  if (/^\d+$/.test(raw) && Number.isSafeInteger(value) && value > 0) return value;
  problems.push(`${name} must be a positive integer, got ${quote(raw)}`);
  return undefined;
}

/** A whole number zero or greater, written in decimal digits. */
export function parseNonNegativeInteger(name: string, raw: string, problems: Problems): number | undefined {
  const value = Number(raw);
  if (/^\d+$/.test(raw) && Number.isSafeInteger(value)) return value;
  problems.push(`${name} must be a whole number (0 or more), got ${quote(raw)}`);
  return undefined;
}

/** A finite decimal number greater than zero (`0.5` is fine: one every two seconds). */
export function parsePositiveNumber(name: string, raw: string, problems: Problems): number | undefined {
  const value = Number(raw);
  if (/^(?:\d+\.?\d*|\.\d+)$/.test(raw) && Number.isFinite(value) && value > 0) return value;
  problems.push(`${name} must be a positive number, got ${quote(raw)}`);
  return undefined;
}

/** `true` or `false`, in any letter case. */
export function parseBoolean(name: string, raw: string, problems: Problems): boolean | undefined {
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  problems.push(`${name} must be true or false, got ${quote(raw)}`);
  return undefined;
}

/** A Temporal duration string such as `30 seconds` or `2m`, kept as written. */
export function parseDuration(name: string, raw: string, problems: Problems): string | undefined {
  if (tryDurationToMs(raw) !== undefined) return raw;
  problems.push(`${name} must be a duration such as "30 seconds" or "2 minutes", got ${quote(raw)}`);
  return undefined;
}

/**
 * A JSON object of string to non-empty string whose values are secrets: no message quotes the value,
 * and JSON.parse's own message is dropped because V8 quotes the input in it.
 */
export function parseSecretMap(name: string, raw: string, problems: Problems): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`${name} must be a JSON object of client id to secret, but is not valid JSON (value not shown)`);
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${name} must be a JSON object of client id to secret, got ${describeJsonType(parsed)}`);
    return undefined;
  }
  const secrets: Record<string, string> = {};
  const badIds: string[] = [];
  for (const [id, secret] of Object.entries(parsed)) {
    if (typeof secret === 'string' && secret !== '') secrets[id] = secret;
    else badIds.push(id);
  }
  if (badIds.length === 0) return secrets;
  problems.push(`${name}: the secret of client id ${badIds.map(quote).join(', ')} must be a non-empty string`);
  return undefined;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
