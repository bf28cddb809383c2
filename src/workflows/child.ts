import {
  executeChild,
  patched,
  startChild,
  type ChildWorkflowHandle,
  type ChildWorkflowOptions,
} from '@temporalio/workflow';
import { SPEC_WORKFLOW_ID_PREFIX, specWorkflowId } from '../common/constants';
import { createSpecWorkflow } from './create-spec-workflow';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from './types';

/** Options of the child helpers: Temporal's child options, minus the arguments. */
export type CreateSpecChildOptions = Omit<ChildWorkflowOptions, 'args' | 'typeInfo'>;

/**
 * Patch id of the scoped child workflow id (0.2.0): parents that started a child before it keep the
 * old `dataframer-spec/<name>` id on replay. Deprecate once no 0.1.x parent can still be running.
 */
export const SCOPED_CHILD_ID_PATCH = 'dataframer-scoped-child-workflow-id';

function childWorkflowId(input: CreateSpecWorkflowInput): string {
  if (patched(SCOPED_CHILD_ID_PATCH)) return specWorkflowId(input.request);
  return `${SPEC_WORKFLOW_ID_PREFIX}${input.request.name}`;
}

function childOptions(input: CreateSpecWorkflowInput, options: CreateSpecChildOptions = {}) {
  return {
    workflowId: childWorkflowId(input),
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
  return executeChild(createSpecWorkflow, childOptions(input, options));
}

/** Like {@link executeCreateSpecChild}, but returns the child's handle once it has started. */
export function startCreateSpecChild(
  input: CreateSpecWorkflowInput,
  options?: CreateSpecChildOptions,
): Promise<ChildWorkflowHandle<typeof createSpecWorkflow>> {
  return startChild(createSpecWorkflow, childOptions(input, options));
}
