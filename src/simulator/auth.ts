// Bearer-key authentication with DRF's messages.
import { timingSafeEqual } from 'node:crypto';
import { detail, type SimResponse } from './http-io';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="api"' };

/** undefined when the `Authorization` header carries the key, else the 401 to send. */
export function authenticate(header: string | undefined, apiKey: string): SimResponse | undefined {
  const [scheme, ...rest] = (header ?? '').trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer') {
    return detail(401, 'Authentication credentials were not provided.', CHALLENGE);
  }
  if (rest.length !== 1 || !rest[0]) {
    return detail(401, 'Invalid token header. No credentials provided.', CHALLENGE);
  }
  return sameSecret(rest[0], apiKey) ? undefined : detail(401, 'Invalid token.', CHALLENGE);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
