import { readHeader, type HeaderBag } from './headers';

// Plain decimal only: `Number('')` is 0 and `Date.parse('7')` is a date in 2001, so neither may
// decide whether a value is a number of seconds.
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` (float ms) wins, else `Retry-After`
 * as seconds (float) or an HTTP-date. Undefined when absent or unparseable; negatives become 0.
 */
export function parseRetryAfterMs(headers: HeaderBag, now: number = Date.now()): number | undefined {
  const ms = parseDecimal(readHeader(headers, 'retry-after-ms'));
  if (ms !== undefined) return Math.max(0, ms);
  const value = readHeader(headers, 'retry-after')?.trim();
  if (value === undefined || value === '') return undefined;
  const seconds = parseDecimal(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseDecimal(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || !DECIMAL.test(trimmed)) return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}
