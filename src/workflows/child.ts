import { executeChild, startChild, type ChildWorkflowHandle, type ChildWorkflowOptions } from '@temporalio/workflow';
import { specWorkflowId } from '../common/constants';
import { createSpecWorkflow } from './create-spec-workflow';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';

/** Options of the child helpers: Temporal's child options, minus the arguments. */
export type CreateSpecChildOptions = Omit<ChildWorkflowOptions, 'args' | 'typeInfo'>;

function childOptions(input: CreateSpecWorkflowInput, options: CreateSpecChildOptions = {}) {
  return {
    workflowId: specWorkflowId(input.request.name),
    // Closing the parent cancels the child, so that cancellation reaches DataFramer (onCancel).
    parentClosePolicy: 'REQUEST_CANCEL' as const,
    ...options,
    args: [input] as [CreateSpecWorkflowInput],
  };
}

/**
 * From a parent workflow: runs {@link createSpecWorkflow} as a child (id `dataframer-spec/<name>`,
 * parent close policy REQUEST_CANCEL) and returns its result. The child runs on the parent's task
 * queue unless `options.taskQueue` says otherwise.
 */
export function executeCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<CreateSpecWorkflowResult> {
  return executeChild(createSpecWorkflow, childOptions(input, options));
}

/** Like {@link executeCreateSpecChild}, but returns the child's handle once it has started. */
export function startCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<ChildWorkflowHandle<typeof createSpecWorkflow>> {
  return startChild(createSpecWorkflow, childOptions(input, options));
}
