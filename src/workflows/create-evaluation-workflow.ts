import { continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { pollNowSignal } from './definitions';
import { getJobProgressQuery } from './job-definitions';
import type { CreateEvaluationWorkflowInput, CreateEvaluationWorkflowResult, CreateRunState } from './job-types';
import { createJobBeforeDeadline, resolveCreateMaximumAttempts } from './waiting/job-create-options';
import { JOB_WAIT_KINDS } from './waiting/job-kinds';
import { checkEvaluationRequest, resolveJobWaitInput } from './waiting/job-input';
import { runJobStep } from './waiting/job-step';
import { newJobWaitState, toJobProgress } from './waiting/job-wait-state';

const WORKFLOW = 'createEvaluationWorkflow';

/**
 * Evaluates a SUCCEEDED run and waits until the evaluation is SUCCEEDED (returns it) or FAILED
 * (`EvaluationFailed`). Evaluations cannot be canceled on DataFramer: cancelling the workflow leaves it.
 */
export async function createEvaluationWorkflow(
  input: CreateEvaluationWorkflowInput,
): Promise<CreateEvaluationWorkflowResult> {
  checkEvaluationRequest(WORKFLOW, 'request', input?.request);
  const settings = resolveJobWaitInput(WORKFLOW, input);
  const createMaximumAttempts = resolveCreateMaximumAttempts(WORKFLOW, input.createMaximumAttempts);
  const state: CreateRunState = input.state ?? { ...newJobWaitState('evaluation', settings.deadlineMs), runs: 1 };
  const signals = { pollNowRequested: false };
  setHandler(getJobProgressQuery, () => ({ ...toJobProgress(state), runs: state.runs }));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  const createdSinceMs = workflowInfo().startTime.getTime();
  const kind = JOB_WAIT_KINDS.evaluation;
  const view = await runJobStep({
    kind,
    state,
    settings,
    signals,
    onCancel: 'abandon',
    // Retried until the deadline (or createMaximumAttempts): an outage up to the deadline loses nothing.
    create: () =>
      createJobBeforeDeadline({ kind, state, createMaximumAttempts }, (a) =>
        a.createEvaluation(input.request, { createdSinceMs }),
      ),
    continueAsNew: () => {
      state.runs += 1;
      return continueAsNew<typeof createEvaluationWorkflow>({ ...input, state });
    },
  });
  const result: CreateEvaluationWorkflowResult = {
    evaluationId: view.id,
    status: 'SUCCEEDED',
    evaluation: view.final ?? { id: view.id, status: view.status },
    polls: state.reads,
  };
  if (view.omitted !== undefined) result.omitted = view.omitted;
  return result;
}
