import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * What `temporal workflow reset --type FirstWorkflowTask` does: the workflow's current run goes back to
 * its first completed workflow task (the current run is terminated, its children closed by their
 * parent close policy). Answers the new run's id.
 */
export async function resetToFirstWorkflowTask(
  env: TestWorkflowEnvironment,
  workflowId: string,
  reason: string,
): Promise<string> {
  const handle = env.client.workflow.getHandle(workflowId);
  const { runId } = await handle.describe();
  const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const firstTask = history.events?.find((event) => event.workflowTaskCompletedEventAttributes);
  const answer = await env.client.workflowService.resetWorkflowExecution({
    namespace: env.namespace ?? 'default',
    workflowExecution: { workflowId, runId },
    workflowTaskFinishEventId: firstTask?.eventId,
    requestId: randomUUID(),
    reason,
  });
  return answer.runId ?? '';
}
