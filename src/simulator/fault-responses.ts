// What each fault looks like on the wire. Faults that replace the answer are built before the
// request is handled (no side effect); `unknownStatus` and `ambiguousCreate` rewrite a real answer.
import { type ExclusiveFault } from './fault-injector';
import { type RetryAfter } from './fault-plan';
import { detail, type Outcome, type SimResponse } from './http-io';

/** The status an `unknownStatus` fault shows instead of PROCESSING (older docs use it). */
export const UNKNOWN_STATUS = 'IN_PROGRESS';

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The answer replacing the real one, or undefined for faults that rewrite a real answer. */
export function replacementFor(fault: ExclusiveFault, now: number): Outcome | undefined {
  switch (fault.kind) {
    case 'reset':
      return { drop: true };
    case 'http500':
      return detail(500, 'A server error occurred.');
    case 'html502':
      return { status: 502, html: BAD_GATEWAY_HTML };
    case 'rateLimit':
      return rateLimited(fault.retryAfter, now);
    default:
      return undefined;
  }
}

/** Rewrites a real answer; `applied` is false when the fault did not fit (e.g. the spec was not PROCESSING). */
export function rewriteWith(fault: ExclusiveFault, outcome: Outcome): { outcome: Outcome; applied: boolean } {
  if ('drop' in outcome) return { outcome, applied: false };
  if (fault.kind === 'unknownStatus' && outcome.status === 200 && isProcessing(outcome)) {
    return { outcome: { ...outcome, json: { ...(outcome.json as object), status: UNKNOWN_STATUS } }, applied: true };
  }
  // Specs answer 202, runs and evaluations 201: any success made the resource.
  if (fault.kind === 'ambiguousCreate' && outcome.status >= 200 && outcome.status < 300) {
    const replaced = fault.mode === 'drop' ? { drop: true as const } : detail(500, 'A server error occurred.');
    return { outcome: replaced, applied: true };
  }
  return { outcome, applied: false };
}

function isProcessing(response: SimResponse): boolean {
  const body = response.json;
  const status = typeof body === 'object' && body !== null ? (body as { status?: unknown }).status : undefined;
  return status === 'PROCESSING' || status === 'PENDING';
}

function rateLimited(retryAfter: RetryAfter, now: number): SimResponse {
  if ('ms' in retryAfter) {
    const seconds = Math.max(0, Math.ceil(retryAfter.ms / 1000));
    return detail(429, `Request was throttled. Expected available in ${seconds} seconds.`, {
      'retry-after-ms': String(retryAfter.ms),
    });
  }
  const header =
    'httpDate' in retryAfter ? new Date(now + retryAfter.seconds * 1000).toUTCString() : String(retryAfter.seconds);
  return detail(429, `Request was throttled. Expected available in ${Math.max(0, retryAfter.seconds)} seconds.`, {
    'retry-after': header,
  });
}
