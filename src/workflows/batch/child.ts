import { executeChild, startChild, type ChildWorkflowHandle, type ChildWorkflowOptions } from '@temporalio/workflow';
import { batchWorkflowId } from '../../common/batch-ids';
import { checkedInput, rejectingEarly } from '../input-guard';
import { createSpecsBatchWorkflow } from './batch-workflow';
import type { CreateSpecsBatchInput, CreateSpecsBatchResult } from './types';

/** Options of the batch child helpers: Temporal's child options, plus the batch's name. */
export type CreateSpecsBatchChildOptions = Omit<ChildWorkflowOptions, 'args' | 'typeInfo'> & {
  /** Names the batch: its id becomes `dataframer-batch/<name>`. @default a hash of the input */
  name?: string;
};

function childOptions(input: CreateSpecsBatchInput, options: CreateSpecsBatchChildOptions = {}) {
  const { name, ...rest } = options;
  return {
    // In the parent's workflow code: a name of the wrong type fails there with InvalidInput, not a TypeError.
    workflowId: checkedInput('createSpecsBatchWorkflow', () => batchWorkflowId(input, name)),
    // Closing the parent cancels the batch, which cancels its running specs.
    parentClosePolicy: 'REQUEST_CANCEL' as const,
    ...rest,
    args: [input] as [CreateSpecsBatchInput],
  };
}

/**
 * From a parent workflow: runs {@link createSpecsBatchWorkflow} as a child (id `dataframer-batch/<name
 * or hash of the input>`, parent close policy REQUEST_CANCEL) and returns its result.
 */
export function executeCreateSpecsBatchChild(
  input: CreateSpecsBatchInput,
  options?: CreateSpecsBatchChildOptions,
): Promise<CreateSpecsBatchResult> {
  return rejectingEarly(() => executeChild(createSpecsBatchWorkflow, childOptions(input, options)));
}

/** Like {@link executeCreateSpecsBatchChild}, but returns the child's handle once it has started. */
export function startCreateSpecsBatchChild(
  input: CreateSpecsBatchInput,
  options?: CreateSpecsBatchChildOptions,
): Promise<ChildWorkflowHandle<typeof createSpecsBatchWorkflow>> {
  return rejectingEarly(() => startChild(createSpecsBatchWorkflow, childOptions(input, options)));
}
