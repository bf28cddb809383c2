import {
  ApplicationFailure,
  ChildWorkflowFailure,
  ContinueAsNew,
  continueAsNew,
  isCancellation,
  setHandler,
} from '@temporalio/workflow';
import type { CreatedJobAnswer, JobStatusView } from '../activities';
import { uncheckedSpecWorkflowId } from '../common/constants';
import { newInputCheck } from './input-guard';
import { checkSpecRequest } from './input-validation';
import { pollNowSignal } from './definitions';
import { getPipelineProgressQuery } from './job-definitions';
import type { Evaluation, Run, SpecPipelineInput, SpecPipelineResult, SpecPipelineState } from './job-types';
import {
  createJobBeforeDeadline,
  resolveCreateMaximumAttempts,
  type JobCreateActivities,
} from './waiting/job-create-options';
import { evaluationModelOf } from './waiting/evaluation-model';
import { jobCreateContext } from './waiting/job-create-context';
import { JOB_WAIT_KINDS, type JobWaitKind } from './waiting/job-kinds';
import { checkEvaluationRequest, checkRunRequest, oneOf, resolveJobWaitInput } from './waiting/job-input';
import { runJobStep, type JobOnCancel } from './waiting/job-step';
import { newJobWaitState } from './waiting/job-wait-state';
import { payloadPart } from './waiting/payload-part';
import { pipelineProgress } from './spec-pipeline-progress';
import { runSpecStep } from './pipeline-spec-step';

const WORKFLOW = 'specPipelineWorkflow';
const ON_CANCEL: readonly JobOnCancel[] = ['abandon', 'cancel'];

/**
 * Spec → run → evaluation, durably: creates the spec (a `createSpecWorkflow` child, so the spec keeps
 * its one-workflow-per-name identity), starts one run of it and, when `evaluation` is given,
 * evaluates the run (both in-line, on the generic waiting machinery, so `getProgress` reports their
 * samples and reads). Cancelling applies `onCancel` to the step under way; a failure names its step.
 */
export async function specPipelineWorkflow(input: SpecPipelineInput): Promise<SpecPipelineResult> {
  checkRunRequest(WORKFLOW, 'run', input?.run, false);
  if (input.evaluation !== undefined) checkEvaluationRequest(WORKFLOW, 'evaluation', input.evaluation, false);
  // 0.2.0 left the spec to its child, which failed on a bad one; its id was computed first, and threw
  // on a dataset_id of the wrong type.
  newInputCheck(WORKFLOW, () => void checkSpecRequest(WORKFLOW, input.spec, 'spec'));
  const settings = resolveJobWaitInput(WORKFLOW, input);
  const onCancel = oneOf(WORKFLOW, 'onCancel', input.onCancel, ON_CANCEL, 'abandon');
  const createMaximumAttempts = resolveCreateMaximumAttempts(WORKFLOW, input.createMaximumAttempts);
  const now = Date.now();
  const state: SpecPipelineState = input.state ?? {
    step: 'spec',
    outcome: 'running',
    startedAtMs: now,
    deadlineAtMs: now + settings.deadlineMs,
    results: {},
    runs: 1,
  };
  const signals = { pollNowRequested: false };
  setHandler(getPipelineProgressQuery, () => pipelineProgress(state));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  const next = () => {
    state.runs += 1;
    return continueAsNew<typeof specPipelineWorkflow>({ ...input, state });
  };
  // A step's create is retried until the pipeline's deadline (or createMaximumAttempts), as a spec's is.
  const job = async (kind: JobWaitKind, create: (activities: JobCreateActivities) => Promise<CreatedJobAnswer>) => {
    const jobState = (state.job ??= newJobWaitState(kind.kind, Math.max(1, state.deadlineAtMs - Date.now())));
    return runJobStep({
      kind,
      state: jobState,
      settings,
      signals,
      onCancel,
      create: () => createJobBeforeDeadline({ kind, state: jobState, createMaximumAttempts }, create),
      continueAsNew: next,
    });
  };
  try {
    if (state.step === 'spec') {
      // Checked above; unchecked so that a run started before the check replays the id it made.
      state.specWorkflowId = uncheckedSpecWorkflowId(input.spec);
      const spec = await runSpecStep(input, { deadlineAtMs: state.deadlineAtMs, createMaximumAttempts });
      state.specId = spec.specId;
      state.results.spec = payloadPart(spec.spec, `GET /api/dataframer/specs/${spec.specId}/`);
      state.step = 'run';
    }
    if (state.step === 'run') {
      const specId = state.specId!;
      const request = { ...input.run, spec_id: specId };
      state.job ??= newJobWaitState('run', Math.max(1, state.deadlineAtMs - Date.now()), {
        numberOfSamples: request.number_of_samples,
      });
      const view = await job(JOB_WAIT_KINDS.run, (a) => a.createRun(request, jobCreateContext()));
      state.runId = view.id;
      state.results.run = finalPart<Run>(view, 'runs');
      delete state.job;
      state.step = input.evaluation === undefined ? 'done' : 'evaluation';
    }
    if (state.step === 'evaluation') {
      const request = { ...input.evaluation, run_id: state.runId! };
      const view = await job(JOB_WAIT_KINDS.evaluation, (a) => a.createEvaluation(request, jobCreateContext()));
      state.evaluationId = view.id;
      state.evaluationModel = evaluationModelOf(request, view.final);
      state.results.evaluation = finalPart<Evaluation>(view, 'evaluations');
      delete state.job;
      state.step = 'done';
    }
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      state.outcome = 'cancelled';
      throw err;
    }
    state.outcome = 'failed';
    throw stepFailure(state, err);
  }
  state.outcome = 'succeeded';
  return resultOf(state);
}

function finalPart<T>(view: JobStatusView, collection: string) {
  const value = (view.final ?? { id: view.id, status: view.status }) as T;
  return payloadPart(value, `GET /api/dataframer/${collection}/${view.id}/`);
}

function resultOf(state: SpecPipelineState): SpecPipelineResult {
  const result: SpecPipelineResult = {
    specId: state.specId!,
    runId: state.runId!,
    spec: state.results.spec!,
    run: state.results.run!,
  };
  if (state.evaluationId !== undefined) result.evaluationId = state.evaluationId;
  if (state.results.evaluation !== undefined) result.evaluation = state.results.evaluation;
  if (state.evaluationModel !== undefined) Object.assign(result, state.evaluationModel);
  return result;
}

/** The step's failure, typed as the step's own (`SpecGenerationFailed`, `RunCanceled`, ...) and naming the step. */
function stepFailure(state: SpecPipelineState, err: unknown): unknown {
  const step = state.step === 'done' ? 'evaluation' : state.step;
  state.failedStep = step;
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return err;
  return ApplicationFailure.create({
    type: cause.type ?? 'Error',
    message: `Pipeline step ${step} failed: ${cause.message}`,
    nonRetryable: true,
    details: [{ step, specId: state.specId, runId: state.runId ?? state.job?.id }, ...(cause.details ?? [])],
    cause: err instanceof Error ? err : undefined,
  });
}
