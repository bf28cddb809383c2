import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandleWithFirstExecutionRunId,
  type WorkflowStartOptions,
} from '@temporalio/client';
import { DEFAULT_TASK_QUEUE, specWorkflowId } from '../common/constants';
import { checkSpecIdentity, InvalidInputError, isPlainObject } from '../common/input-checks';
import { createSpecWorkflow } from '../workflows/create-spec-workflow';
import type { CreateSpecWorkflowInput, CreateSpecWorkflowResult } from '../workflows/types';

/** Options of {@link startCreateSpec}: Temporal's start options, each with a default. */
export type StartCreateSpecOptions = Partial<Omit<WorkflowStartOptions<typeof createSpecWorkflow>, 'args'>>;

type SpecHandle = WorkflowHandleWithFirstExecutionRunId<typeof createSpecWorkflow>;

/** What a start found: a run it started or attached to, or a workflow of that id that already succeeded. */
export interface StartedOrSucceeded {
  handle: SpecHandle;
  /** True when the spec's workflow had already succeeded: the handle is that closed run's. */
  alreadySucceeded: boolean;
}

/** A handle on the workflow of this id when its latest run completed (the spec succeeded), else undefined. */
async function succeededHandle(client: Client, workflowId: string): Promise<SpecHandle | undefined> {
  const description = await client.workflow.getHandle(workflowId).describe();
  if (description.status.name !== 'COMPLETED') return undefined;
  const firstExecutionRunId = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
  const handle = client.workflow.getHandle<typeof createSpecWorkflow>(workflowId, description.runId, {
    firstExecutionRunId,
  });
  return Object.assign(handle, { firstExecutionRunId });
}

/** {@link startCreateSpec}, saying whether the handle is of a workflow that had already succeeded (for the CLI). */
export async function startOrFindCreateSpec(
  client: Client,
  input: CreateSpecWorkflowInput,
  options: StartCreateSpecOptions = {},
): Promise<StartedOrSucceeded> {
  if (!isPlainObject(input)) throw new InvalidInputError('createSpecWorkflow', 'input', 'must be an object');
  checkSpecIdentity('createSpecWorkflow', input.request, 'request');
  const workflowId = options.workflowId ?? specWorkflowId(input.request);
  try {
    const handle = await client.workflow.start(createSpecWorkflow, {
      taskQueue: DEFAULT_TASK_QUEUE,
      workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      ...options,
      args: [input],
    });
    return { handle, alreadySucceeded: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // Refused for a closed run: answer it when it succeeded; otherwise the caller's own policy refused.
    const handle = await succeededHandle(client, workflowId);
    if (handle === undefined) throw err;
    return { handle, alreadySucceeded: true };
  }
}

/**
 * From a client: starts {@link createSpecWorkflow} on the `dataframer-specs` task queue with the
 * workflow id {@link specWorkflowId} (scope and name). Starting the same spec again is idempotent:
 * while its workflow runs, the start attaches to it (id-conflict policy USE_EXISTING); once it
 * succeeded, the start answers that closed run's handle, whose `result()` is the spec it made (reuse
 * policy ALLOW_DUPLICATE_FAILED_ONLY); after it failed, was cancelled, terminated or timed out, a
 * new run starts. Options override each default (a `workflowIdReusePolicy` of your own included).
 * Throws {@link InvalidInputError} naming the field when the request's name or dataset id has the wrong type.
 */
export async function startCreateSpec(
  client: Client,
  input: CreateSpecWorkflowInput,
  options: StartCreateSpecOptions = {},
): Promise<SpecHandle> {
  return (await startOrFindCreateSpec(client, input, options)).handle;
}

/** Like {@link startCreateSpec}, then waits for the result (a second call answers the first's spec). */
export async function executeCreateSpec(
  client: Client,
  input: CreateSpecWorkflowInput,
  options?: StartCreateSpecOptions,
): Promise<CreateSpecWorkflowResult> {
  const handle = await startCreateSpec(client, input, options);
  return handle.result();
}
