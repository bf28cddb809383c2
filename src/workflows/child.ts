import {
  executeChild,
  patched,
  startChild,
  type ChildWorkflowHandle,
  type ChildWorkflowOptions,
} from '@temporalio/workflow';
import { SPEC_WORKFLOW_ID_PREFIX, uncheckedSpecWorkflowId } from '../common/constants';
import { checkSpecIdentity, InvalidInputError, isPlainObject } from '../common/input-checks';
import { createSpecWorkflow } from './create-spec-workflow';
import { checkedInput, newInputCheck, rejectingEarly } from './input-guard';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';

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
    ...options,
    args: [input] as [CreateSpecWorkflowInput],
  };
}

/**
 * From a parent workflow: runs {@link createSpecWorkflow} as a child (id from {@link specWorkflowId}:
 * the spec's scope and name, parent close policy REQUEST_CANCEL) and returns its result. The child
 * runs on the parent's task queue unless `options.taskQueue` says otherwise.
 */
export function executeCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<CreateSpecWorkflowResult> {
  return rejectingEarly(() => executeChild(createSpecWorkflow, childOptions(input, options)));
}

/** Like {@link executeCreateSpecChild}, but returns the child's handle once it has started. */
export function startCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<ChildWorkflowHandle<typeof createSpecWorkflow>> {
  return rejectingEarly(() => startChild(createSpecWorkflow, childOptions(input, options)));
}
