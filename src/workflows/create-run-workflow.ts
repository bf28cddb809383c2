import { continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { pollNowSignal } from './definitions';
import { getJobProgressQuery } from './job-definitions';
import type { CreateRunState, CreateRunWorkflowInput, CreateRunWorkflowResult } from './job-types';
import { createJobBeforeDeadline, resolveCreateMaximumAttempts } from './waiting/job-create-options';
import { JOB_WAIT_KINDS } from './waiting/job-kinds';
import { checkRunRequest, oneOf, resolveJobWaitInput } from './waiting/job-input';
import { runJobStep, type JobOnCancel } from './waiting/job-step';
import { newJobWaitState, toJobProgress } from './waiting/job-wait-state';

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
  const settings = resolveJobWaitInput(WORKFLOW, input);
  const onCancel = oneOf(WORKFLOW, 'onCancel', input.onCancel, ON_CANCEL, 'abandon');
  const createMaximumAttempts = resolveCreateMaximumAttempts(WORKFLOW, input.createMaximumAttempts);
  const state: CreateRunState = input.state ?? {
    ...newJobWaitState('run', settings.deadlineMs, { numberOfSamples: input.request.number_of_samples }),
    runs: 1,
  };
  const signals = { pollNowRequested: false };
  setHandler(getJobProgressQuery, () => ({ ...toJobProgress(state), runs: state.runs }));
  setHandler(pollNowSignal, () => {
    signals.pollNowRequested = true;
  });
  // The chain's first start, not this run's: a create after continue-as-new still adopts.
  const createdSinceMs = workflowInfo().startTime.getTime();
  const kind = JOB_WAIT_KINDS.run;
  const view = await runJobStep({
    kind,
    state,
    settings,
    signals,
    onCancel,
    // Retried until the deadline (or createMaximumAttempts): an outage up to the deadline loses nothing.
    create: () =>
      createJobBeforeDeadline({ kind, state, createMaximumAttempts }, (a) =>
        a.createRun(input.request, { createdSinceMs }),
      ),
    continueAsNew: () => {
      state.runs += 1;
      return continueAsNew<typeof createRunWorkflow>({ ...input, state });
    },
  });
  const result: CreateRunWorkflowResult = {
    runId: view.id,
    status: 'SUCCEEDED',
    run: view.final ?? { id: view.id, status: view.status },
    polls: state.reads,
  };
  if (view.omitted !== undefined) result.omitted = view.omitted;
  return result;
}
