import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CreateSpecWorkflowResult } from '../workflows/types';

/** A spec workflow whose latest run succeeded: its first run's id and its result. */
export interface SucceededSpecWorkflow {
  firstExecutionRunId: string;
  result: CreateSpecWorkflowResult;
}

/**
 * The spec workflow of this id when its latest run completed (the spec succeeded), else null (it is
 * running, or failed, was cancelled, terminated or timed out, or the id is unknown). A parent
 * workflow's child start is refused for such an id (reuse policy ALLOW_DUPLICATE_FAILED_ONLY) and
 * workflow code cannot read another workflow's result: this reads it with the worker's own client.
 */
export async function getSucceededSpecWorkflow(workflowId: string): Promise<SucceededSpecWorkflow | null> {
  const context = Context.current();
  let client;
  try {
    client = context.client;
  } catch {
    // Only a MockActivityEnvironment without a client lands here: a real worker always has one.
    context.log.warn('No Temporal client in this activity context: the spec workflow is not looked up', {
      workflowId,
    });
    return null;
  }
  const description = await client.workflow
    .getHandle(workflowId)
    .describe()
    .catch((err: unknown) => {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    });
  if (description?.status.name !== 'COMPLETED') return null;
  const result = (await client.workflow
    .getHandle(workflowId, description.runId, { followRuns: false })
    .result()) as CreateSpecWorkflowResult;
  const firstExecutionRunId = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
  return { firstExecutionRunId, result };
}
