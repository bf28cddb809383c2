import type { ActivityOptions, RetryPolicy } from '@temporalio/common';
import {
  AWAIT_SPEC_ACTIVITY_OPTIONS,
  AWAIT_SPEC_RETRY_POLICY,
  CREATE_SPEC_ACTIVITY_OPTIONS,
  CREATE_SPEC_RETRY_POLICY,
  DELETE_SPEC_ACTIVITY_OPTIONS,
  DELETE_SPEC_RETRY_POLICY,
  GET_SPEC_STATUS_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_RETRY_POLICY,
} from './activity-policies';

// Policies of the run and evaluation activities. Same rule as activity-policies.ts: the only
// retries in the package, each number beside its reason. A run or evaluation is waited on for the
// same reasons as a spec, so these reuse the spec policies and state only the numbers that differ.

/**
 * How long after a create answered with an error that may have stored the job (a 5xx) a retry that
 * does not see it waits for the list to show it before it may POST again: 30 s for the server to
 * finish and list it (a lagging list). Waiting costs one retry; a second run costs money.
 */
export const CREATE_JOB_LIST_SETTLE_MS = 30_000;

/**
 * How long after a create whose answer never came (a timeout, a killed worker) a retry waits for
 * that POST to show up in the list before it may POST again: the client's 60 s headers timeout,
 * after which the earlier request was answered or abandoned, plus {@link CREATE_JOB_LIST_SETTLE_MS}.
 */
export const CREATE_JOB_SETTLE_MS = 60_000 + CREATE_JOB_LIST_SETTLE_MS;

/**
 * Largest terminal object a status view carries (JSON bytes). A view is an activity result, so it
 * is stored in history; Temporal warns at 512 KiB per payload and refuses 2 MiB, and the workflow's
 * own result carries the same object again. Over this, the large fields (files, classifications)
 * are left out and counted; over it even without them, the object is left out.
 */
export const MAX_FINAL_VIEW_BYTES = 256 * 1024;

/**
 * Retries of `createRun` and `createEvaluation`: {@link CREATE_SPEC_RETRY_POLICY} itself, 1 s
 * doubling to 1 minute (the end of an outage is seen within a minute) and no attempt limit: the job
 * workflow bounds the retries with a schedule-to-close timeout at its own deadline, so an outage of
 * any length up to the deadline loses nothing (retries write no history). The workflow input's
 * `createMaximumAttempts` limits them (10 gives up after about 5 minutes of errors). A retry first
 * adopts the job an earlier attempt made, and waits {@link CREATE_JOB_SETTLE_MS} for an unanswered
 * POST to appear, so retrying never starts a second run. A 401/403 is not retried: nothing exists yet.
 */
export const CREATE_JOB_RETRY_POLICY = CREATE_SPEC_RETRY_POLICY;

/**
 * One create attempt: a run list and a read per candidate before the POST, each bounded by 60 s
 * HTTP timeouts, so 3 minutes; a dead worker is noticed by the 30 s heartbeat timeout, and the
 * heartbeat carries the attempt's record (posted at, run id) to the next attempt. No
 * schedule-to-close here: the workflow sets it to the time left before its deadline (a proxy of
 * your own should too, or the retries never end).
 */
export const CREATE_RUN_ACTIVITY_OPTIONS = {
  ...CREATE_SPEC_ACTIVITY_OPTIONS,
  startToCloseTimeout: '3 minutes',
  retry: CREATE_JOB_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** `createEvaluation`: the same shape as a run create (a list of the run's evaluations, then the POST). */
export const CREATE_EVALUATION_ACTIVITY_OPTIONS = CREATE_RUN_ACTIVITY_OPTIONS;

/**
 * Retries of one run or evaluation status read: unlimited attempts 1 s to 1 minute apart, bounded
 * by the 10-minute schedule-to-close below, as for specs; then the waiting workflow records the
 * error and keeps its own schedule. {@link GET_SPEC_STATUS_RETRY_POLICY} itself.
 */
export const GET_JOB_STATUS_RETRY_POLICY = GET_SPEC_STATUS_RETRY_POLICY;

/**
 * One status read: 60 s of HTTP timeouts plus margin (a run with 20,000 files is a large answer),
 * heartbeat 30 s, 10 minutes of retries: {@link GET_SPEC_STATUS_ACTIVITY_OPTIONS} itself.
 */
export const GET_JOB_STATUS_ACTIVITY_OPTIONS = GET_SPEC_STATUS_ACTIVITY_OPTIONS;

/**
 * Retries of `cancelRun`: the backoff of `deleteSpec`'s cleanup on cancellation (1 s doubling to
 * 30 s), but a run left going keeps costing money, unlike a spec left behind, so 20 attempts (about
 * 8 minutes) instead of 5 before the cancellation is reported failed.
 */
export const CANCEL_RUN_RETRY_POLICY = {
  ...DELETE_SPEC_RETRY_POLICY,
  maximumAttempts: 20,
} as const satisfies RetryPolicy;

/** `cancelRun`: the cancel call and one read of the run, 60 s each at most; heartbeat as `deleteSpec`'s. */
export const CANCEL_RUN_ACTIVITY_OPTIONS = {
  ...DELETE_SPEC_ACTIVITY_OPTIONS,
  startToCloseTimeout: '2 minutes',
  retry: CANCEL_RUN_RETRY_POLICY,
} as const satisfies ActivityOptions;

/**
 * Retries of `awaitJobStatus`, the waiting activity of runs and evaluations (default polling
 * design): {@link AWAIT_SPEC_RETRY_POLICY} itself, for the same reasons. Each attempt is one read;
 * `JobStillProcessing` carries the poll schedule's next wait, a 429 its `Retry-After`, a rejected key
 * a minute; the backoff applies only to failures with no delay of their own (a killed worker), its
 * 10 s ceiling keeping that recovery short; 30 attempts bound one activity to about half an hour of reads.
 */
export const AWAIT_JOB_RETRY_POLICY = AWAIT_SPEC_RETRY_POLICY;

/**
 * `awaitJobStatus`: 90 s per read, heartbeat 30 s; the schedule-to-close is set per call (time to the
 * deadline). {@link AWAIT_SPEC_ACTIVITY_OPTIONS} itself.
 */
export const AWAIT_JOB_ACTIVITY_OPTIONS = AWAIT_SPEC_ACTIVITY_OPTIONS;

/**
 * One run or evaluation read as a local activity (polling design `timer-local-activity`):
 * {@link GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS} itself.
 */
export const GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS = GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS;
