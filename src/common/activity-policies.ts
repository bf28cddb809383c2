import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/common';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

// The only retries in this package: the HTTP client never retries on its own. DataFramer's official
// SDKs retry connection errors, 408, 409, 429 and 5xx twice (0.5 s to 8 s); these policies do more,
// and survive worker restarts because Temporal owns them.

/**
 * The shortest delay this package ever hands Temporal as `nextRetryDelay`: a zero delay tells the
 * server (1.25 and later) not to retry at all, so a `Retry-After: 0`, a negative value or an HTTP
 * date already past would end the activity. 1 s is the policies' initial interval: the wait the
 * server would have chosen for a first retry anyway.
 */
export const MIN_RETRY_DELAY_MS = 1_000;

/** A delay the server asked for (or one we computed), raised to {@link MIN_RETRY_DELAY_MS}; whole milliseconds. */
export function retryDelayAtLeastFloor(delayMs: number, floorMs: number = MIN_RETRY_DELAY_MS): number {
  return Number.isFinite(delayMs) ? Math.max(floorMs, Math.ceil(delayMs)) : floorMs;
}

/**
 * Retries of `createSpec`. Starts at 1 s (a blip clears quickly) and doubles to at most 1 minute, so
 * that the end of an outage is seen within a minute. No attempt limit: the workflow bounds the
 * retries with a schedule-to-close timeout at its own deadline, so an outage of any length up to the
 * deadline loses nothing (a 10-minute outage costs no history event: retries write none). Users who
 * would rather fail fast set the workflow input's `createMaximumAttempts` (10 gives up after about
 * 5 minutes of errors). Retried creates never duplicate a spec (the activity adopts the spec an
 * earlier attempt made).
 */
export const CREATE_SPEC_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  // No maximumAttempts: unlimited, bounded by the workflow's deadline.
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/**
 * Retries of one status read (polling designs with a timer between reads). Unlimited attempts from
 * 1 s to 1 minute apart, bounded by {@link GET_SPEC_STATUS_ACTIVITY_OPTIONS}'s 10-minute
 * schedule-to-close; then the workflow records the error and reads again on its own schedule, so an
 * outage of any length is bounded only by the workflow's deadline.
 */
export const GET_SPEC_STATUS_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  // No maximumAttempts: unlimited, bounded by the schedule-to-close timeout.
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/** Retries of `deleteSpec` on cancellation: a handful of attempts; a spec left behind is only clutter. */
export const DELETE_SPEC_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 5,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/**
 * Retries of the waiting activity (the default polling design): each attempt is one status read, and
 * a spec still PROCESSING fails the attempt with `SpecStillProcessing`, whose `nextRetryDelay` is the
 * poll schedule's next wait. A transient HTTP error is retried on the poll schedule too (the backoff
 * below would count every earlier attempt), a 429 after its Retry-After; the backoff applies only to
 * failures with no delay of their own (a worker killed mid-read, a heartbeat or start-to-close
 * timeout), and its 10 s ceiling keeps such a recovery short however many reads came before.
 * 30 attempts bound one activity to about half an hour, so the workflow regularly sees progress,
 * checks its deadline and keeps its history small.
 */
export const AWAIT_SPEC_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '10 seconds',
  maximumAttempts: 30,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

// Heartbeat timeouts: a worker killed mid-call is noticed after 30 s instead of after the whole
// start-to-close timeout (the timeout counts from the attempt's start). The activities heartbeat
// only once their HTTP call has run 5 s (a heartbeat is a billable action; nearly every call is
// faster), then every 5 s, so cancellation still reaches a slow call.

/**
 * `createSpec`: one attempt may wait 60 s for headers, plus a name lookup after an ambiguous answer,
 * so 2 minutes per attempt; the heartbeat timeout notices a dead worker within 30 s.
 */
export const CREATE_SPEC_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: CREATE_SPEC_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** One status read: 60 s of HTTP timeouts plus margin; 10 minutes of retries before the workflow steps in. */
export const GET_SPEC_STATUS_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '30 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: GET_SPEC_STATUS_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** The same read as a local activity (polling design b): no task-queue round trip, fewer events. */
export const GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  scheduleToCloseTimeout: '10 minutes',
  localRetryThreshold: '10 seconds',
  retry: GET_SPEC_STATUS_RETRY_POLICY,
} as const satisfies LocalActivityOptions;

/** The waiting activity: each attempt is one read (90 s); the schedule-to-close is set per call. */
export const AWAIT_SPEC_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '30 seconds',
  retry: AWAIT_SPEC_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** `deleteSpec` on cancellation. */
export const DELETE_SPEC_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '30 seconds',
  retry: DELETE_SPEC_RETRY_POLICY,
} as const satisfies ActivityOptions;

/**
 * `getSucceededSpecWorkflow`: two calls to the Temporal server the worker already talks to (describe,
 * then the closed run's result), each quick; 30 s covers a slow server. Retries 1 s doubling to 30 s,
 * 10 attempts (about 4 minutes): a Temporal server that stays away longer stalls the parent's
 * workflow tasks too, and the parent then fails visibly instead of waiting silently.
 */
export const GET_SUCCEEDED_SPEC_WORKFLOW_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
} as const satisfies ActivityOptions;
