import { ApplicationFailure } from '@temporalio/workflow';
import type { JobStatusView } from '../../activities';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import type { JobWaitKind } from './job-kinds';

/** Phase of one job (a run, an evaluation) as a progress query reports it. */
export type JobPhase = 'creating' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** The whole state of waiting on one job: serializable, carried by continue-as-new, shown by `getProgress`. */
export interface JobWaitState {
  kind: JobWaitKind['kind'];
  phase: JobPhase;
  /** The run or evaluation id, once created. */
  id?: string;
  /** True when the create adopted a job an earlier attempt had started. */
  adopted?: boolean;
  /** Last status read (DataFramer's own value). */
  lastStatus?: string;
  /** The description's view fields of the last read, e.g. `{ samplesCompleted, numberOfSamples, totalCost }`. */
  progress: Record<string, number | string>;
  /** Status reads so far, over every run of the workflow. */
  reads: number;
  /** Epoch milliseconds. */
  startedAtMs: number;
  deadlineAtMs: number;
  createdAtMs?: number;
  lastReadAtMs?: number;
  nextReadAtMs?: number;
  /** A 429's `Retry-After`, remembered: no read is scheduled before this instant. */
  notBeforeMs?: number;
  /** The last transient failure seen while polling (type and message), cleared by a good read. */
  lastTransientError?: string;
}

/** A job's progress for people: the state, with times as ISO strings. */
export interface JobProgress extends JobWaitState {
  startedAt: string;
  deadlineAt: string;
  lastReadAt?: string;
  nextReadAt?: string;
}

/** The state of a job wait that has not created its job yet. */
export function newJobWaitState(
  kind: JobWaitKind['kind'],
  deadlineMs: number,
  progress: Record<string, number | string> = {},
): JobWaitState {
  const now = Date.now();
  return { kind, phase: 'creating', progress, reads: 0, startedAtMs: now, deadlineAtMs: now + deadlineMs };
}

/** Records one status read the workflow has seen. */
export function recordJobRead(state: JobWaitState, view: JobStatusView, readNumber = state.reads + 1): void {
  state.reads = Math.max(state.reads, readNumber);
  state.lastStatus = view.rawStatus ?? view.status;
  state.lastReadAtMs = Date.now();
  state.progress = { ...state.progress, ...view.progress };
  delete state.lastTransientError;
  delete state.notBeforeMs;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The progress query's answer for one job. */
export function toJobProgress(state: JobWaitState): JobProgress {
  const progress: JobProgress = {
    ...state,
    progress: { ...state.progress },
    startedAt: iso(state.startedAtMs)!,
    deadlineAt: iso(state.deadlineAtMs)!,
  };
  const lastReadAt = iso(state.lastReadAtMs);
  const nextReadAt = iso(state.nextReadAtMs);
  if (lastReadAt !== undefined) progress.lastReadAt = lastReadAt;
  if (nextReadAt !== undefined) progress.nextReadAt = nextReadAt;
  return progress;
}

/** The failure when the job's deadline passes: carries the last status seen. */
export function jobDeadlineExceeded(kind: JobWaitKind, state: JobWaitState): ApplicationFailure {
  const label = kind.description.label;
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.JobDeadlineExceeded,
    message: `${label} ${state.id ?? '(not created)'} did not finish before the deadline ${iso(state.deadlineAtMs)}; last status ${state.lastStatus ?? 'unknown'} after ${state.reads} reads`,
    nonRetryable: true,
    details: [
      {
        kind: state.kind,
        id: state.id,
        lastStatus: state.lastStatus,
        reads: state.reads,
        lastTransientError: state.lastTransientError,
      },
    ],
  });
}

/**
 * The failure of a terminal view that is not a success, typed by the description: FAILED gives its
 * `failedType` with DataFramer's message, CANCELED (by someone else) its `canceledType`.
 */
export function jobEndedUnsuccessfully(kind: JobWaitKind, view: JobStatusView): ApplicationFailure {
  const { description } = kind;
  const canceled = view.outcome === 'canceled';
  const type = canceled ? (description.canceledType ?? description.failedType) : description.failedType;
  const message = canceled
    ? `${description.label} ${view.id} was canceled on DataFramer (not by this workflow)`
    : `DataFramer failed ${description.kind} ${view.id}: ${view.errorMessage ?? 'no message given'}`;
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: [{ kind: view.kind, id: view.id, status: view.status, errorMessage: view.errorMessage ?? null }],
  });
}
