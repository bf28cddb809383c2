import type { Client, WorkflowHandleWithFirstExecutionRunId, WorkflowStartOptions } from '@temporalio/client';
import { DEFAULT_TASK_QUEUE, specWorkflowId } from '../common/constants';
import { checkSpecIdentity, InvalidInputError, isPlainObject } from '../common/input-checks';
import { createSpecWorkflow } from '../workflows/create-spec-workflow';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from '../workflows/types';

/** Options of {@link startCreateSpec}: Temporal's start options, each with a default. */
export type StartCreateSpecOptions = Partial<Omit<WorkflowStartOptions<typeof createSpecWorkflow>, 'args'>>;

/**
 * From a client: starts {@link createSpecWorkflow} on the `dataframer-specs` task queue with the
 * workflow id {@link specWorkflowId} (scope and name) and the id-conflict policy USE_EXISTING, so starting the
 * same spec twice attaches to the run already going instead of creating a second spec. Throws
 * {@link InvalidInputError} naming the field when the request's name or dataset id has the wrong type.
 */
export function startCreateSpec(
  client: Client,
  input: CreateSpecWorkflowInput,
  options: StartCreateSpecOptions = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof createSpecWorkflow>> {
  if (!isPlainObject(input)) throw new InvalidInputError('createSpecWorkflow', 'input', 'must be an object');
  checkSpecIdentity('createSpecWorkflow', input.request, 'request');
  return client.workflow.start(createSpecWorkflow, {
    taskQueue: DEFAULT_TASK_QUEUE,
    workflowId: specWorkflowId(input.request),
    workflowIdConflictPolicy: 'USE_EXISTING',
    ...options,
    args: [input],
  });
}

/** Like {@link startCreateSpec}, then waits for the result. */
export async function executeCreateSpec(
  client: Client,
  input: CreateSpecWorkflowInput,
  options?: StartCreateSpecOptions,
): Promise<CreateSpecWorkflowResult> {
  const handle = await startCreateSpec(client, input, options);
  return handle.result();
}
