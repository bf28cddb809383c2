import { continueAsNew } from '@temporalio/workflow';
import type { CreateEvaluationWorkflowInput, CreateEvaluationWorkflowResult } from './job-types';
import { evaluationModelOf } from './waiting/evaluation-model';
import { JOB_WAIT_KINDS } from './waiting/job-kinds';
import { checkEvaluationRequest } from './waiting/job-input';
import { runJobWorkflow } from './waiting/job-workflow';

const WORKFLOW = 'createEvaluationWorkflow';

/**
 * Evaluates a SUCCEEDED run and waits until the evaluation is SUCCEEDED (returns it) or FAILED
 * (`EvaluationFailed`). Evaluations cannot be canceled on DataFramer: cancelling the workflow leaves it.
 */
export async function createEvaluationWorkflow(
  input: CreateEvaluationWorkflowInput,
): Promise<CreateEvaluationWorkflowResult> {
  checkEvaluationRequest(WORKFLOW, 'request', input?.request);
  const { view, polls } = await runJobWorkflow({
    workflow: WORKFLOW,
    kind: JOB_WAIT_KINDS.evaluation,
    input,
    onCancel: 'abandon',
    create: (activities, context) => activities.createEvaluation(input.request, context),
    continueAsNew: (next) => continueAsNew<typeof createEvaluationWorkflow>(next),
  });
  const result: CreateEvaluationWorkflowResult = {
    evaluationId: view.id,
    status: 'SUCCEEDED',
    evaluation: view.final ?? { id: view.id, status: view.status },
    ...evaluationModelOf(input.request, view.final),
    polls,
  };
  if (view.omitted !== undefined) result.omitted = view.omitted;
  return result;
}
