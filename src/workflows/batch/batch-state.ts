import { ApplicationFailure } from '@temporalio/workflow';
import { BATCH_LIMITS } from '../../common/batch-policies';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import { MIN_FINISHED_FOR_FAILURE_RATIO, type BatchSettings } from './batch-settings';
import type { BatchFailure, BatchItemOutcome, BatchProgress, BatchState, CreateSpecsBatchResult } from './types';

/** Minutes of finishes the pace is measured over. */
const PACE_WINDOW_MINUTES = 5;
/** After a 429, the window grows back by one per success once this long has passed without another. */
export const RATE_LIMIT_QUIET_MS = 60_000;

/** The state of a new batch (not one continued as new). */
export function newBatchState(settings: BatchSettings): BatchState {
  return {
    runs: 1,
    startedAtMs: Date.now(),
    concurrency: settings.concurrency,
    window: settings.concurrency,
    nextIndex: 0,
    sourceOffset: 0,
    sourceDone: false,
    pending: [],
    running: {},
    succeeded: 0,
    failed: 0,
    cancelled: 0,
    specIds: {},
    failures: [],
    latestFailures: [],
    finishedPerMinute: [],
  };
}

export const runningCount = (state: BatchState) => Object.keys(state.running).length;
export const finishedCount = (state: BatchState) => state.succeeded + state.failed + state.cancelled;

function countFinish(state: BatchState, now: number): void {
  const minute = Math.floor(now / 60_000);
  const last = state.finishedPerMinute[state.finishedPerMinute.length - 1];
  if (last !== undefined && last[0] === minute) last[1] += 1;
  else state.finishedPerMinute.push([minute, 1]);
  while (state.finishedPerMinute.length > PACE_WINDOW_MINUTES + 1) state.finishedPerMinute.shift();
}

function growWindow(state: BatchState, now: number): void {
  const quiet = state.lastRateLimitAtMs === undefined || now - state.lastRateLimitAtMs >= RATE_LIMIT_QUIET_MS;
  if (quiet && state.window < state.concurrency) state.window += 1;
}

/** Records an item's outcome; false when the item is not one this batch has running (a stale signal). */
export function recordOutcome(state: BatchState, outcome: BatchItemOutcome): boolean {
  const key = String(outcome.index);
  if (!(key in state.running)) return false;
  delete state.running[key];
  const now = Date.now();
  countFinish(state, now);
  if (outcome.status === 'SUCCEEDED') {
    state.succeeded += 1;
    if (outcome.specId !== undefined && Object.keys(state.specIds).length < BATCH_LIMITS.maxOutcomesInResult) {
      state.specIds[key] = outcome.specId;
    }
    growWindow(state, now);
    return true;
  }
  if (outcome.status === 'CANCELLED') state.cancelled += 1;
  else state.failed += 1;
  const failure: BatchFailure = {
    index: outcome.index,
    ...(outcome.name === undefined ? {} : { name: outcome.name }),
    type: outcome.failure?.type ?? 'Cancelled',
    message: outcome.failure?.message ?? 'cancelled',
  };
  if (state.failures.length < BATCH_LIMITS.maxOutcomesInResult) state.failures.push(failure);
  state.latestFailures = [...state.latestFailures, failure].slice(-BATCH_LIMITS.latestFailures);
  return true;
}

/** Halves the window (to at least 1) when DataFramer refuses a spec with 429s. */
export function recordRateLimit(state: BatchState): void {
  state.lastRateLimitAtMs = Date.now();
  state.window = Math.max(1, Math.floor(state.window / 2));
}

/** Why the batch must stop now, if it must. */
export function stopReasonOf(state: BatchState, settings: BatchSettings): string | undefined {
  const { maxFailures, maxFailureRatio } = settings;
  if (maxFailures !== undefined && state.failed >= maxFailures) {
    return `maxFailures: ${state.failed} specs failed (limit ${maxFailures})`;
  }
  const finished = state.succeeded + state.failed;
  if (maxFailureRatio !== undefined && finished >= MIN_FINISHED_FOR_FAILURE_RATIO) {
    const ratio = state.failed / finished;
    if (ratio >= maxFailureRatio) {
      return `maxFailureRatio: ${state.failed} of ${finished} finished specs failed (${(ratio * 100).toFixed(1)} %, limit ${maxFailureRatio * 100} %)`;
    }
  }
  return undefined;
}

function specsPerMinute(state: BatchState, now: number): number {
  const minute = Math.floor(now / 60_000);
  const recent = state.finishedPerMinute.filter(([m]) => m > minute - PACE_WINDOW_MINUTES);
  const count = recent.reduce((sum, [, n]) => sum + n, 0);
  const spanMs = Math.min(now - state.startedAtMs, PACE_WINDOW_MINUTES * 60_000);
  return spanMs <= 0 ? 0 : Math.round((count / (spanMs / 60_000)) * 10) / 10;
}

/** The progress query's answer. */
export function toBatchProgress(state: BatchState): BatchProgress {
  const pendingCount = state.pending.length;
  const pace = specsPerMinute(state, Date.now());
  const running = runningCount(state);
  const progress: BatchProgress = {
    total: state.nextIndex,
    totalKnown: state.sourceDone,
    pending: pendingCount,
    running,
    succeeded: state.succeeded,
    failed: state.failed,
    cancelled: state.cancelled,
    concurrency: state.concurrency,
    window: state.window,
    specsPerMinute: pace,
    latestFailures: state.latestFailures,
    runs: state.runs,
    startedAtMs: state.startedAtMs,
  };
  if (state.sourceDone && pace > 0) progress.estimatedSecondsLeft = Math.round(((pendingCount + running) / pace) * 60);
  if (state.stopReason !== undefined) progress.stopReason = state.stopReason;
  return progress;
}

/** The batch's result once nothing runs. */
export function toBatchResult(state: BatchState): CreateSpecsBatchResult {
  const notStarted = state.pending.length;
  const total = state.nextIndex;
  const result: CreateSpecsBatchResult = {
    total,
    succeeded: state.succeeded,
    failed: state.failed,
    cancelled: state.cancelled,
    notStarted,
    failures: state.failures,
    failuresComplete: state.failures.length === state.failed + state.cancelled,
    runs: state.runs,
  };
  if (total <= BATCH_LIMITS.maxOutcomesInResult) result.specIds = state.specIds;
  if (state.stopReason !== undefined) result.stopReason = state.stopReason;
  return result;
}

/** The result once nothing runs; a batch whose source failed fails instead, with the same counts. */
export function finishBatch(state: BatchState): CreateSpecsBatchResult {
  const result = toBatchResult(state);
  const failure = state.sourceFailure;
  if (failure === undefined) return result;
  const counts = `${result.succeeded} succeeded, ${result.failed} failed, ${result.cancelled} cancelled`;
  throw ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.BatchSourceFailed,
    message: `The batch source failed after ${result.total} items (${counts}): ${failure.type}: ${failure.message}`,
    nonRetryable: true,
    details: [result],
  });
}
