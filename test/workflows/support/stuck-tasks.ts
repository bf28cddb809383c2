// Telling a workflow that ended from one whose task is stuck: a workflow task that throws (a
// TypeError in workflow code, say) is retried forever, so the workflow neither fails nor ends.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { WorkflowTaskFailedCause } = temporal.api.enums.v1;

/** What a promise settled to within `ms`, or `timedOut` when it did not settle. */
export type Settled<T> =
  { status: 'resolved'; value: T } | { status: 'rejected'; error: unknown } | { status: 'timedOut' };

/** Waits at most `ms` of real time for `promise` (which keeps running when the wait times out). */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Settled<T>>(
    (resolve) => (timer = setTimeout(() => resolve({ status: 'timedOut' }), ms)),
  );
  const settled = promise.then(
    (value): Settled<T> => ({ status: 'resolved', value }),
    (error: unknown): Settled<T> => ({ status: 'rejected', error }),
  );
  try {
    return await Promise.race([settled, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The cause and message of every WorkflowTaskFailed event in the workflow's history (its latest run)
 * that workflow code caused. An UNHANDLED_COMMAND one is left out: the server refuses a task that
 * would complete the workflow while new events (an item's signal) wait, and the next task handles them.
 */
export async function workflowTaskFailures(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((event) => {
    const failed = event.workflowTaskFailedEventAttributes;
    if (!failed || failed.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND) return [];
    const cause = WorkflowTaskFailedCause[failed.cause ?? 0] ?? String(failed.cause);
    return [`${cause}: ${String(failed.failure?.message).slice(0, 200)}`];
  });
}
