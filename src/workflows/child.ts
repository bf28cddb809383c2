import {
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  startChild,
  type ChildWorkflowHandle,
  type ChildWorkflowOptions,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { DataFramerActivities, SucceededSpecWorkflow } from '../activities';
import { GET_SUCCEEDED_SPEC_WORKFLOW_ACTIVITY_OPTIONS } from '../common/activity-policies';
import { SPEC_WORKFLOW_ID_PREFIX, uncheckedSpecWorkflowId } from '../common/constants';
import { checkSpecIdentity, InvalidInputError, isPlainObject } from '../common/input-checks';
import { createSpecWorkflow } from './create-spec-workflow';
import { checkedInput, newInputCheck } from './input-guard';
import { SUCCEEDED_SPEC_CHILD_PATCH } from './patches';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';

export { SUCCEEDED_SPEC_CHILD_PATCH };

/** Options of the child helpers: Temporal's child options, minus the arguments. */
export type CreateSpecChildOptions = Omit<ChildWorkflowOptions, 'args' | 'typeInfo'>;

/**
 * Patch id of the scoped child workflow id (0.2.0): parents that started a child before it keep the
 * old `dataframer-spec/<name>` id on replay. Deprecate once no 0.1.x parent can still be running.
 */
export const SCOPED_CHILD_ID_PATCH = 'dataframer-scoped-child-workflow-id';

const WORKFLOW = 'createSpecWorkflow';

// Runs in the parent's workflow code: a request of the wrong type fails there with InvalidInput (which
// the parent can catch) rather than throw. 0.2.0 started a child on the id such a request gave when it
// gave one (the child then failed): a parent started before the check replays that unchecked id.
function childWorkflowId(input: CreateSpecWorkflowInput): string {
  newInputCheck(WORKFLOW, () => {
    if (!isPlainObject(input)) throw new InvalidInputError(WORKFLOW, 'input', 'must be an object');
    checkSpecIdentity(WORKFLOW, input.request, 'request');
  });
  if (patched(SCOPED_CHILD_ID_PATCH)) return uncheckedSpecWorkflowId(input.request);
  return `${SPEC_WORKFLOW_ID_PREFIX}${input.request.name}`;
}

function childOptions(input: CreateSpecWorkflowInput, options: CreateSpecChildOptions = {}) {
  return {
    workflowId: checkedInput(WORKFLOW, () => childWorkflowId(input)),
    // Closing the parent cancels the child, so that cancellation reaches DataFramer (onCancel).
    parentClosePolicy: 'REQUEST_CANCEL' as const,
    // A spec whose workflow succeeded is not started again (its new run would fail on its own
    // spec's name): the start is refused and the helper answers that workflow's result instead.
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' as const,
    ...options,
    args: [input] as [CreateSpecWorkflowInput],
  };
}

/** A handle on a spec workflow that already succeeded: not this parent's child, its result known. */
function succeededHandle(
  workflowId: string,
  succeeded: SucceededSpecWorkflow,
): ChildWorkflowHandle<typeof createSpecWorkflow> {
  // Signals go to it as to any external workflow (a closed one refuses them, as a closed child would).
  const external = () => getExternalWorkflowHandle(workflowId);
  return {
    workflowId,
    firstExecutionRunId: succeeded.firstExecutionRunId,
    result: () => Promise.resolve(succeeded.result),
    signal: (def, ...args) => external().signal(def, ...args),
    signalWithOptions: (name, options) => external().signalWithOptions(name, options),
  };
}

/**
 * Starts the child or, when its id belongs to a spec workflow that already succeeded, answers a
 * handle on that one. Old histories replay unchanged: the patch sits only on the refused start, where
 * a parent before it let the refusal through.
 */
async function startOrFindSucceeded(
  input: CreateSpecWorkflowInput,
  options: CreateSpecChildOptions = {},
): Promise<ChildWorkflowHandle<typeof createSpecWorkflow>> {
  // In an async function, so a request of the wrong type rejects (InvalidInput) rather than throws.
  const resolved = childOptions(input, options);
  try {
    return await startChild(createSpecWorkflow, resolved);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError) || !patched(SUCCEEDED_SPEC_CHILD_PATCH)) throw err;
    // On the child's task queue: the worker that runs our workflows runs this activity too.
    const { getSucceededSpecWorkflow } = proxyActivities<DataFramerActivities>({
      ...GET_SUCCEEDED_SPEC_WORKFLOW_ACTIVITY_OPTIONS,
      ...(options.taskQueue !== undefined && { taskQueue: options.taskQueue }),
    });
    const succeeded = await getSucceededSpecWorkflow(resolved.workflowId);
    if (succeeded === null) throw err;
    return succeededHandle(resolved.workflowId, succeeded);
  }
}

/**
 * From a parent workflow: runs {@link createSpecWorkflow} as a child (id from {@link specWorkflowId}:
 * the spec's scope and name, parent close policy REQUEST_CANCEL, reuse policy
 * ALLOW_DUPLICATE_FAILED_ONLY) and returns its result. When the spec's workflow already succeeded,
 * returns that workflow's result instead of starting it again (read by the `getSucceededSpecWorkflow`
 * activity); when it failed or was cancelled, starts it anew; while it runs (not as this parent's
 * child), fails with `WorkflowExecutionAlreadyStartedError`. The child (and that activity) runs on the
 * parent's task queue unless `options.taskQueue` says otherwise.
 */
export async function executeCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<CreateSpecWorkflowResult> {
  const child = await startOrFindSucceeded(input, options);
  return child.result();
}

/**
 * Like {@link executeCreateSpecChild}, but returns the child's handle once it has started (for a spec
 * workflow that already succeeded, a handle whose `result()` is that workflow's result).
 */
export function startCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<ChildWorkflowHandle<typeof createSpecWorkflow>> {
  return startOrFindSucceeded(input, options);
}
