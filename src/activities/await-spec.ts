import { ApplicationFailure } from '@temporalio/common';
import { retryDelayAtLeastFloor, MIN_RETRY_DELAY_MS } from '../common/activity-policies';
import { specReadDelayMs, type ResolvedPollSchedule } from '../common/poll-schedule';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import type { SpecStatusView } from './spec-status-view';

/** Input of the waiting activity (`awaitSpecStatus`). */
export interface AwaitSpecInput {
  specId: string;
  schedule: ResolvedPollSchedule;
  /** Status reads made before this activity began. */
  readsBefore: number;
  /** Wait this long before the first read (the first attempt then reads nothing). 0 reads at once. */
  firstWaitMs: number;
}

/** The waiting activity's answer: the terminal view, and which read found it. */
export type AwaitedSpecStatus = SpecStatusView & { readNumber: number };

/** Details of a `SpecStillProcessing` failure: what the workflow learns when a waiting activity ends. */
export interface StillProcessingDetails {
  /** The read number this attempt made (0 if it only waited). */
  readNumber: number;
  view?: SpecStatusView;
}

/** Which read attempt number `attempt` makes, given whether the first attempt only waited. */
export function readNumberOf(input: AwaitSpecInput, attempt: number): number {
  return input.readsBefore + attempt - (input.firstWaitMs > 0 ? 1 : 0);
}

/**
 * A poll-schedule wait as a `nextRetryDelay`: never zero (jitter 1 can shorten a wait to nothing, and
 * zero means "do not retry"), floored at the schedule's own initial interval when that is shorter
 * than {@link MIN_RETRY_DELAY_MS}.
 */
export function scheduleRetryDelayMs(schedule: ResolvedPollSchedule, delayMs: number): number {
  return retryDelayAtLeastFloor(delayMs, Math.max(1, Math.min(MIN_RETRY_DELAY_MS, schedule.initialIntervalMs)));
}

/** The failure that asks Temporal to retry (read again) after the schedule's next wait. */
export function stillProcessing(input: AwaitSpecInput, readNumber: number, view?: SpecStatusView): ApplicationFailure {
  const nextRead = readNumber + 1;
  const delayMs = scheduleRetryDelayMs(
    input.schedule,
    view === undefined ? input.firstWaitMs : specReadDelayMs(input.schedule, input.specId, nextRead),
  );
  const details: StillProcessingDetails = view === undefined ? { readNumber } : { readNumber, view };
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.SpecStillProcessing,
    message: `Spec ${input.specId} is still ${view?.rawStatus ?? 'processing'}; next read in ${delayMs} ms`,
    details: [details],
    nextRetryDelay: delayMs,
    // Expected on every read but the last: logged at DEBUG and kept out of failure metrics.
    category: 'BENIGN',
  });
}

/**
 * A transient read failure, retried on the poll schedule: the retry policy's own backoff counts every
 * earlier "still processing" attempt, so late in a long wait it would stretch a blip to its maximum.
 * Failures that carry their own delay (429 `Retry-After`) and permanent ones pass unchanged.
 */
export function retryOnSchedule(input: AwaitSpecInput, readNumber: number, err: unknown): unknown {
  if (!(err instanceof ApplicationFailure) || err.nonRetryable || err.nextRetryDelay != null) return err;
  return ApplicationFailure.create({
    type: err.type ?? undefined,
    message: err.message,
    details: err.details ?? undefined,
    nextRetryDelay: scheduleRetryDelayMs(input.schedule, specReadDelayMs(input.schedule, input.specId, readNumber + 1)),
  });
}
