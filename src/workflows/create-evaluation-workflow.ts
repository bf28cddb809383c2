import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DataFramerActivities } from '../activities';
import { CREATE_EVALUATION_ACTIVITY_OPTIONS } from '../common/job-activity-policies';
import { pollNowSignal } from './definitions';
import { getJobProgressQuery } from './job-definitions';
import type { CreateEvaluationWorkflowInput, CreateEvaluationWorkflowResult, CreateRunState } from './job-types';
import { JOB_WAIT_KINDS } from './waiting/job-kinds';
import { checkEvaluationRequest, resolveJobWaitInput } from './waiting/job-input';
import { runJobStep } from './waiting/job-step';
import { newJobWaitState, toJobProgress } from './waiting/job-wait-state';

const { createEvaluation } = proxyActivities<DataFramerActivities>(CREATE_EVALUATION_ACTIVITY_OPTIONS);

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
  const state: CreateRunState = input.state ?? { ...newJobWaitState('evaluation', settings.deadlineMs), runs: 1 };
  const signals = { pollNowRequested: false };
  setHandler(getJobProgressQuery, () => ({ ...toJobProgress(state), runs: state.runs }));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  const createdSinceMs = workflowInfo().startTime.getTime();
  const view = await runJobStep({
    kind: JOB_WAIT_KINDS.evaluation,
    state,
    settings,
    signals,
    onCancel: 'abandon',
    create: () => createEvaluation(input.request, { createdSinceMs }),
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
