import { ApplicationFailure } from '@temporalio/common';
import { deterministicFraction, pollDelayMs, type ResolvedPollSchedule } from '../common/poll-schedule';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { scheduleRetryDelayMs } from './await-spec';
import type { JobStatusView } from './job-status-view';
import type { JobKind } from './job-readers';

/** Input of the generic waiting activity (`awaitJobStatus`): which job, and where its schedule stands. */
export interface AwaitJobInput {
  kind: Exclude<JobKind, 'spec'>;
  id: string;
  schedule: ResolvedPollSchedule;
  /** Status reads made before this activity began. */
  readsBefore: number;
  /** Wait this long before the first read (the first attempt then reads nothing). 0 reads at once. */
  firstWaitMs: number;
}

/** The waiting activity's answer: the terminal view, and which read found it. */
export type AwaitedJobStatus = JobStatusView & { readNumber: number };

/** Details of a `JobStillProcessing` failure: what the workflow learns when a waiting activity ends. */
export interface JobStillProcessingDetails {
  /** The read number this attempt made (0 if it only waited). */
  readNumber: number;
  view?: JobStatusView;
}

/** What the helpers below need of an input: the spec activity's `{ specId }` or a job's `{ id }`. */
interface WaitPosition {
  schedule: ResolvedPollSchedule;
  readsBefore: number;
  firstWaitMs: number;
}

/** Which read attempt number `attempt` makes, given whether the first attempt only waited. */
export function readNumberOfAttempt(input: WaitPosition, attempt: number): number {
  return input.readsBefore + attempt - (input.firstWaitMs > 0 ? 1 : 0);
}

/**
 * The wait before read `readNumber` of one job, jitter drawn from its id: the waiting activity and
 * the workflow compute the same number anywhere, any time (as `specReadDelayMs` does for specs).
 */
export function jobReadDelayMs(schedule: ResolvedPollSchedule, id: string, readNumber: number): number {
  return pollDelayMs(schedule, readNumber, deterministicFraction(id, readNumber));
}

/** The failure that asks Temporal to retry (read again) after the schedule's next wait. */
export function jobStillProcessing(input: AwaitJobInput, readNumber: number, view?: JobStatusView): ApplicationFailure {
  // Never zero (zero means "do not retry"): the same floor as the spec activity's.
  const delayMs = scheduleRetryDelayMs(
    input.schedule,
    view === undefined ? input.firstWaitMs : jobReadDelayMs(input.schedule, input.id, readNumber + 1),
  );
  const details: JobStillProcessingDetails = view === undefined ? { readNumber } : { readNumber, view };
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.JobStillProcessing,
    message: `${input.kind} ${input.id} is still ${view?.rawStatus ?? 'running'}; next read in ${delayMs} ms`,
    details: [details],
    nextRetryDelay: delayMs,
    // Expected on every read but the last: logged at DEBUG and kept out of failure metrics.
    category: 'BENIGN',
  });
}

/**
 * A transient read failure, retried on the poll schedule (the retry policy's backoff would count
 * every earlier "still running" attempt); failures with their own delay (429) or permanent ones pass.
 */
export function jobRetryOnSchedule(input: AwaitJobInput, readNumber: number, err: unknown): unknown {
  if (!(err instanceof ApplicationFailure) || err.nonRetryable || err.nextRetryDelay != null) return err;
  return ApplicationFailure.create({
    type: err.type ?? undefined,
    message: err.message,
    details: [...(err.details ?? []), { readNumber }],
    nextRetryDelay: scheduleRetryDelayMs(input.schedule, jobReadDelayMs(input.schedule, input.id, readNumber + 1)),
  });
}
