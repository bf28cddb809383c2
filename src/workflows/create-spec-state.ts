import { ApplicationFailure } from '@temporalio/workflow';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import type { SpecStatusView } from '../activities';
import type { WorkflowSettings } from './input-validation';
import type { CreateSpecProgress, CreateSpecState } from './types';
import { iso, isoTimes } from './waiting/wait-state';

/** The state of a new workflow (not one continued as new). */
export function newCreateSpecState(settings: WorkflowSettings): CreateSpecState {
  const now = Date.now();
  return {
    phase: 'creating',
    name: settings.name,
    reads: 0,
    startedAtMs: now,
    deadlineAtMs: now + settings.deadlineMs,
    runs: 1,
  };
}

/** The progress query's answer. */
export function toProgress(state: CreateSpecState): CreateSpecProgress {
  return { ...state, ...isoTimes(state) };
}

/** The failure when the overall deadline passes: carries the last status seen. */
export function deadlineExceeded(state: CreateSpecState): ApplicationFailure {
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.SpecDeadlineExceeded,
    message: `Spec ${state.specId ?? state.name} did not finish before the deadline ${iso(state.deadlineAtMs)}; last status ${state.lastStatus ?? 'unknown'} after ${state.reads} reads`,
    nonRetryable: true,
    details: [
      {
        specId: state.specId,
        lastStatus: state.lastStatus,
        reads: state.reads,
        lastTransientError: state.lastTransientError,
      },
    ],
  });
}

/** The failure when DataFramer reports the spec FAILED: carries the spec id and DataFramer's message. */
export function generationFailed(state: CreateSpecState, view: SpecStatusView): ApplicationFailure {
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.SpecGenerationFailed,
    message: `DataFramer failed to generate spec ${view.specId}: ${view.errorMessage ?? 'no message given'}`,
    nonRetryable: true,
    details: [{ specId: view.specId, name: state.name, errorMessage: view.errorMessage ?? null }],
  });
}
