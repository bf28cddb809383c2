import type { SpecPipelineProgress, SpecPipelineState } from './job-types';
import { toJobProgress } from './waiting/job-wait-state';

/** The pipeline's `getProgress` answer: the step, ids so far, and the run or evaluation step's progress. */
export function pipelineProgress(state: SpecPipelineState): SpecPipelineProgress {
  const progress: SpecPipelineProgress = {
    step: state.step,
    outcome: state.outcome,
    startedAt: new Date(state.startedAtMs).toISOString(),
    deadlineAt: new Date(state.deadlineAtMs).toISOString(),
    runs: state.runs,
  };
  if (state.failedStep !== undefined) progress.failedStep = state.failedStep;
  for (const key of ['specWorkflowId', 'specId', 'runId', 'evaluationId'] as const) {
    const value = state[key];
    if (value !== undefined) progress[key] = value;
  }
  if (state.job !== undefined) {
    progress.stepProgress = toJobProgress(state.job);
    if (state.step === 'run' && state.job.id !== undefined) progress.runId = state.job.id;
    if (state.step === 'evaluation' && state.job.id !== undefined) progress.evaluationId = state.job.id;
  }
  return progress;
}
