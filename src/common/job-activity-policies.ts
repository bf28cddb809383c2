import type { ActivityOptions, LocalActivityOptions, RetryPolicy } from '@temporalio/common';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

// Policies of the run and evaluation activities. Same rule as activity-policies.ts: the only
// retries in the package, each number beside its reason.

/**
 * How long after a create whose answer never came (a timeout, a killed worker) a retry waits for
 * that POST to show up in the list before it may POST again: the client's 60 s headers timeout,
 * after which the earlier request was answered or abandoned, plus 30 s for the server to finish
 * and list it. Waiting costs one retry; a second run costs money.
 */
export const CREATE_JOB_SETTLE_MS = 90_000;

/**
 * Largest terminal object a status view carries (JSON bytes). A view is an activity result, so it
 * is stored in history; Temporal warns at 512 KiB per payload and refuses 2 MiB, and the workflow's
 * own result carries the same object again. Over this, the large fields (files, classifications)
 * are left out and counted; over it even without them, the object is left out.
 */
export const MAX_FINAL_VIEW_BYTES = 256 * 1024;

/**
 * Retries of `createRun` and `createEvaluation`: 1 s doubling to 1 minute, 10 attempts (about
 * 5 minutes), like `createSpec`. A retry first adopts the job an earlier attempt made, and waits
 * {@link CREATE_JOB_SETTLE_MS} for an unanswered POST to appear, so retrying never starts a second run.
 */
export const CREATE_JOB_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 10,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/**
 * One create attempt: a run list and a read per candidate before the POST, each bounded by 60 s
 * HTTP timeouts, so 3 minutes; a dead worker is noticed by the 30 s heartbeat timeout, and the
 * heartbeat carries the attempt's record (posted at, run id) to the next attempt.
 */
export const CREATE_RUN_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '3 minutes',
  heartbeatTimeout: '30 seconds',
  retry: CREATE_JOB_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** `createEvaluation`: the same shape as a run create (a list of the run's evaluations, then the POST). */
export const CREATE_EVALUATION_ACTIVITY_OPTIONS = CREATE_RUN_ACTIVITY_OPTIONS;

/**
 * Retries of one run or evaluation status read: unlimited attempts 1 s to 1 minute apart, bounded
 * by the 10-minute schedule-to-close below, as for specs; then the waiting workflow records the
 * error and keeps its own schedule.
 */
export const GET_JOB_STATUS_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/** One status read: 60 s of HTTP timeouts plus margin (a run with 20,000 files is a large answer). */
export const GET_JOB_STATUS_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '30 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: GET_JOB_STATUS_RETRY_POLICY,
} as const satisfies ActivityOptions;

/**
 * Retries of `cancelRun`: a run left going keeps costing money, unlike a spec left behind, so 20
 * attempts from 1 s doubling to 30 s (about 8 minutes) before the cancellation is reported failed.
 */
export const CANCEL_RUN_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 20,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/** `cancelRun`: the cancel call and one read of the run, 60 s each at most. */
export const CANCEL_RUN_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: CANCEL_RUN_RETRY_POLICY,
} as const satisfies ActivityOptions;

/**
 * Retries of `awaitJobStatus`, the waiting activity of runs and evaluations (default polling
 * design): the numbers of `AWAIT_SPEC_RETRY_POLICY` for the same reasons. Each attempt is one read;
 * `JobStillProcessing` carries the poll schedule's next wait, a 429 its `Retry-After`; the backoff
 * applies only to failures with no delay of their own (a killed worker), its 10 s ceiling keeping
 * that recovery short; 30 attempts bound one activity to about half an hour of reads.
 */
export const AWAIT_JOB_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '10 seconds',
  maximumAttempts: 30,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/** `awaitJobStatus`: 90 s per read, heartbeat 30 s; the schedule-to-close is set per call (time to the deadline). */
export const AWAIT_JOB_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '30 seconds',
  retry: AWAIT_JOB_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** One run or evaluation read as a local activity (polling design `timer-local-activity`). */
export const GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '90 seconds',
  scheduleToCloseTimeout: '10 minutes',
  localRetryThreshold: '10 seconds',
  retry: GET_JOB_STATUS_RETRY_POLICY,
} as const satisfies LocalActivityOptions;
