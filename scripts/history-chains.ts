// Fetching what one scenario recorded: every run of a workflow's continue-as-new chain, and the
// child workflows its histories say it started (a pipeline's spec child), each with its own chain.
import type { Client } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

const UNHANDLED_COMMAND = temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;

/** One workflow's recorded runs, oldest first. */
export interface RecordedChain {
  workflowId: string;
  /** The type its histories carry (`createSpecWorkflow`, ...): the index's `workflowType`. */
  workflowType: string;
  histories: History[];
  /** The chain's status when fetched (a child of a workflow caught mid-wait may still run). */
  status: string;
}

/** A child a history started: its id and first run. */
export interface ChildExecution {
  workflowId: string;
  runId: string;
  workflowType: string;
}

/** Every run of a continue-as-new chain, oldest first, following each run's last event. */
export async function fetchChain(client: Client, workflowId: string, firstRunId: string): Promise<RecordedChain> {
  const histories: History[] = [];
  for (let runId: string | undefined = firstRunId; runId !== undefined;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push(history);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  const started = histories[0]?.events?.[0]?.workflowExecutionStartedEventAttributes;
  const workflowType = started?.workflowType?.name ?? 'unknown';
  const status = (await client.workflow.getHandle(workflowId).describe()).status.name;
  return { workflowId, workflowType, histories, status };
}

/**
 * The children the histories started, from their ChildWorkflowExecutionStarted events (the run that
 * started a child is the one its parent replays it in), in the order they started.
 */
export function childExecutionsOf(histories: History[]): ChildExecution[] {
  return histories.flatMap((history) =>
    (history.events ?? []).flatMap((event) => {
      const started = event.childWorkflowExecutionStartedEventAttributes;
      const execution = started?.workflowExecution;
      if (!started || !execution?.workflowId || !execution.runId) return [];
      const workflowType = started.workflowType?.name ?? 'unknown';
      return [{ workflowId: execution.workflowId, runId: execution.runId, workflowType }];
    }),
  );
}

/**
 * Workflow tasks that timed out or failed: a loaded machine (a task over its 10 s timeout), never a
 * path of the workflow code. Recorded, they would make the fixture differ from run to run. A task the
 * server refused because a signal came in while it completed the run (UnhandledCommand) is no
 * trouble: a batch hears its items' signals at any time, and its worker runs the task again.
 */
export function troubledTasks(chain: RecordedChain): string[] {
  return chain.histories.flatMap((history, run) =>
    (history.events ?? []).flatMap((event) => {
      const failed = event.workflowTaskFailedEventAttributes;
      if (failed?.cause === UNHANDLED_COMMAND) return [];
      const trouble = event.workflowTaskTimedOutEventAttributes
        ? 'timed out'
        : failed
          ? `failed (cause ${String(failed.cause)}: ${failed.failure?.message ?? 'no message'})`
          : undefined;
      return trouble === undefined ? [] : [`run ${run + 1}, event ${String(event.eventId)}: workflow task ${trouble}`];
    }),
  );
}
