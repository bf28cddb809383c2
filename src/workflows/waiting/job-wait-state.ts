import { ApplicationFailure } from '@temporalio/workflow';
import type { JobStatusView } from '../../activities';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import type { JobWaitKind } from './job-kinds';
import type { WaitPhase, WaitState } from './wait-kind';
import { iso, isoTimes, type IsoTimes } from './wait-state';

/** Phase of one job (a run, an evaluation) as a progress query reports it. */
export type JobPhase = WaitPhase;

/** The whole state of waiting on one job: serializable, carried by continue-as-new, shown by `getProgress`. */
export interface JobWaitState extends WaitState {
  kind: JobWaitKind['kind'];
  /** The run or evaluation id, once created. */
  id?: string;
  /** True when the create adopted a job an earlier attempt had started. */
  adopted?: boolean;
  /** The description's view fields of the last read, e.g. `{ samplesCompleted, numberOfSamples, totalCost }`. */
  progress: Record<string, number | string>;
}

/** A job's progress for people: the state, with times as ISO strings. */
export interface JobProgress extends JobWaitState, IsoTimes {}

/** The state of a job wait that has not created its job yet. */
export function newJobWaitState(
  kind: JobWaitKind['kind'],
  deadlineMs: number,
  progress: Record<string, number | string> = {},
): JobWaitState {
  const now = Date.now();
  return { kind, phase: 'creating', progress, reads: 0, startedAtMs: now, deadlineAtMs: now + deadlineMs };
}

/** The progress query's answer for one job. */
export function toJobProgress(state: JobWaitState): JobProgress {
  return { ...state, progress: { ...state.progress }, ...isoTimes(state) };
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
