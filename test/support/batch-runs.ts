import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type Event = temporal.api.history.v1.IHistoryEvent;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** One run of a workflow's continue-as-new chain: its events and the payloads it was started and ended with. */
export interface RunStats {
  runId: string;
  events: number;
  /** Bytes of the run's input (for runs after the first: what the previous run continued as new with). */
  inputBytes: number;
  /** Bytes of the result, for the run that completed. */
  resultBytes?: number;
}

const bytesOf = (payloads: Payloads) =>
  (payloads?.payloads ?? []).reduce((sum, payload) => sum + (payload.data?.length ?? 0), 0);

/** Every run of `workflowId`'s latest execution chain, first run first. */
export async function workflowRuns(client: Client, workflowId: string): Promise<RunStats[]> {
  const runs: RunStats[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId !== undefined) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: Event[] = history.events ?? [];
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const completed = events[events.length - 1]?.workflowExecutionCompletedEventAttributes;
    const run: RunStats = { runId, events: events.length, inputBytes: bytesOf(started?.input) };
    if (completed) run.resultBytes = bytesOf(completed.result);
    runs.unshift(run);
    runId = started?.continuedExecutionRunId || undefined;
  }
  return runs;
}
