import { continueAsNew } from '@temporalio/workflow';
import type { CreateRunWorkflowInput, CreateRunWorkflowResult } from './job-types';
import { JOB_WAIT_KINDS } from './waiting/job-kinds';
import { checkRunRequest, oneOf } from './waiting/job-input';
import type { JobOnCancel } from './waiting/job-step';
import { runJobWorkflow } from './waiting/job-workflow';

const WORKFLOW = 'createRunWorkflow';
const ON_CANCEL: readonly JobOnCancel[] = ['abandon', 'cancel'];

/**
 * Starts a generation run of a SUCCEEDED spec and waits until it is SUCCEEDED (returns it), FAILED
 * (`RunGenerationFailed`, DataFramer's message) or CANCELED by someone else (`RunCanceled`). Never
 * starts a run twice: every create attempt first adopts a matching run of the spec created since
 * the workflow's first start. Runs have no unique name, so the caller's workflow id is the identity
 * (see `runWorkflowId`).
 */
export async function createRunWorkflow(input: CreateRunWorkflowInput): Promise<CreateRunWorkflowResult> {
  checkRunRequest(WORKFLOW, 'request', input?.request);
  const { view, polls } = await runJobWorkflow({
    workflow: WORKFLOW,
    kind: JOB_WAIT_KINDS.run,
    input,
    onCancel: oneOf(WORKFLOW, 'onCancel', input.onCancel, ON_CANCEL, 'abandon'),
    initialProgress: { numberOfSamples: input.request.number_of_samples },
    create: (activities, context) => activities.createRun(input.request, context),
    continueAsNew: (next) => continueAsNew<typeof createRunWorkflow>(next),
  });
  const result: CreateRunWorkflowResult = {
    runId: view.id,
    status: 'SUCCEEDED',
    run: view.final ?? { id: view.id, status: view.status },
    polls,
  };
  if (view.omitted !== undefined) result.omitted = view.omitted;
  return result;
}
