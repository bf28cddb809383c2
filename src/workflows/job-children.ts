import { executeChild, startChild, type ChildWorkflowHandle, type ChildWorkflowOptions } from '@temporalio/workflow';
import { createEvaluationWorkflow } from './create-evaluation-workflow';
import { createRunWorkflow } from './create-run-workflow';
import { specPipelineWorkflow } from './spec-pipeline-workflow';
import type {
  CreateEvaluationWorkflowInput,
  CreateEvaluationWorkflowResult,
  CreateRunWorkflowInput,
  CreateRunWorkflowResult,
  SpecPipelineInput,
  SpecPipelineResult,
} from './job-types';

/**
 * Options of the run, evaluation and pipeline child helpers. Runs have no unique name, so there is
 * no id to derive from the request: give `workflowId` (e.g. `runWorkflowId(key)`) for a child you
 * may start again, or leave it to Temporal's generated (replay-stable) child id.
 */
export type JobChildOptions = Omit<ChildWorkflowOptions, 'args' | 'typeInfo'>;

function childOptions<T>(input: T, options: JobChildOptions = {}) {
  // Closing the parent cancels the child, so that its onCancel reaches DataFramer.
  return { parentClosePolicy: 'REQUEST_CANCEL' as const, ...options, args: [input] as [T] };
}

/** From a parent workflow: runs {@link createRunWorkflow} as a child and returns its result. */
export function executeCreateRunChild(
  input: CreateRunWorkflowInput,
  options?: JobChildOptions,
): Promise<CreateRunWorkflowResult> {
  return executeChild(createRunWorkflow, childOptions(input, options));
}

/** Like {@link executeCreateRunChild}, but returns the child's handle once it has started. */
export function startCreateRunChild(
  input: CreateRunWorkflowInput,
  options?: JobChildOptions,
): Promise<ChildWorkflowHandle<typeof createRunWorkflow>> {
  return startChild(createRunWorkflow, childOptions(input, options));
}

/** From a parent workflow: runs {@link createEvaluationWorkflow} as a child and returns its result. */
export function executeCreateEvaluationChild(
  input: CreateEvaluationWorkflowInput,
  options?: JobChildOptions,
): Promise<CreateEvaluationWorkflowResult> {
  return executeChild(createEvaluationWorkflow, childOptions(input, options));
}

/** From a parent workflow: runs {@link specPipelineWorkflow} as a child and returns its result. */
export function executeSpecPipelineChild(
  input: SpecPipelineInput,
  options?: JobChildOptions,
): Promise<SpecPipelineResult> {
  return executeChild(specPipelineWorkflow, childOptions(input, options));
}
