import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';

// Failure bookkeeping of the waiting and create steps: pure functions that issue no commands.

/** A failure that a later read may not repeat: the activity gave up on a retryable error or timed out. */
export function transientCause(err: unknown): ApplicationFailure | TimeoutFailure | undefined {
  if (!(err instanceof ActivityFailure)) return undefined;
  const { cause } = err;
  if (cause instanceof TimeoutFailure) return cause;
  if (cause instanceof ApplicationFailure && !cause.nonRetryable) return cause;
  return undefined;
}

/** One line for the progress query: `<type>: <message>` or `Timeout: <message>`. */
export function describeFailure(failure: ApplicationFailure | TimeoutFailure): string {
  return failure instanceof ApplicationFailure
    ? `${failure.type ?? 'Error'}: ${failure.message}`
    : `Timeout: ${failure.message}`;
}

/**
 * The wait a failed read's 429 asked for, from its details (a workflow cannot read `nextRetryDelay`);
 * a timeout's last failure counts too. Undefined when there is none.
 */
export function retryAfterMsOf(failure: ApplicationFailure | TimeoutFailure): number | undefined {
  const last = failure instanceof TimeoutFailure ? failure.cause : failure;
  if (!(last instanceof ApplicationFailure)) return undefined;
  for (const entry of last.details ?? []) {
    const value = (entry as { retryAfterMs?: unknown } | null)?.retryAfterMs;
    if (typeof value === 'number' && value > 0) return value;
  }
  return undefined;
}

/** The read number an activity's failure carries in its details, if any. */
export function readNumberOf(err: unknown): number | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  for (const entry of cause.details ?? []) {
    const value = (entry as { readNumber?: unknown } | null)?.readNumber;
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/**
 * Whether an activity's failure is its schedule-to-close cutting it off (a create bounded by the
 * workflow's deadline), with the last attempt's failure. The server reports either that timeout
 * (its cause the last attempt's failure), or the last attempt's failure with retry state TIMEOUT
 * when the next retry would come too late. An attempt's own timeout (start-to-close, heartbeat) as
 * the last of `createMaximumAttempts` is not the deadline: undefined.
 */
export function cutOffByDeadline(err: unknown): { last?: ApplicationFailure | TimeoutFailure } | undefined {
  if (!(err instanceof ActivityFailure)) return undefined;
  const { cause } = err;
  const timedOut = cause instanceof TimeoutFailure && cause.timeoutType === 'SCHEDULE_TO_CLOSE';
  if (!timedOut && err.retryState !== 'TIMEOUT') return undefined;
  const last = timedOut ? cause.cause : cause;
  return last instanceof ApplicationFailure || last instanceof TimeoutFailure ? { last } : {};
}
