import { Context } from '@temporalio/activity';
import { WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { batchItemWorkflowId } from '../common/batch-ids';
import { closedItemFailure } from '../common/batch-item-close';
import { BATCH_LIMITS } from '../common/batch-policies';
import { BATCH_ITEM_FAILURE_TYPES } from '../common/failure-types';
import type { BatchItemOutcome } from '../workflows/batch/types';

/** Input of `checkBatchItems`. */
export interface CheckBatchItemsInput {
  batchWorkflowId: string;
  /** The items to check: those the batch has running and knows only by the signal they will send. */
  indexes: number[];
}

/** The outcome of a closed item: its own result, or how it closed when it ended without one. */
async function outcomeOf(client: Client, batchWorkflowId: string, index: number): Promise<BatchItemOutcome | null> {
  const handle = client.workflow.getHandle(batchItemWorkflowId(batchWorkflowId, index));
  let status: string;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const message = `item workflow ${handle.workflowId} is not on the server (past the namespace's retention?)`;
    return { index, status: 'FAILED', failure: { type: BATCH_ITEM_FAILURE_TYPES.ItemNotFound, message } };
  }
  if (status === 'RUNNING') return null;
  try {
    // Completed: the outcome it returned (and signalled, unless the signal was lost).
    const outcome = (await handle.result()) as BatchItemOutcome;
    return { ...outcome, index };
  } catch (err) {
    const cause = err instanceof WorkflowFailedError ? err.cause : err;
    return { index, ...closedItemFailure(cause) };
  }
}

/** The activities that check a batch's items; `createActivities` spreads them beside the others. */
export function createBatchItemActivities() {
  return {
    /**
     * Reads how the given items of a batch stand with the worker's Temporal client (describing each
     * item workflow, a few at a time) and returns the outcomes of those that closed; running items
     * are left out.
     */
    async checkBatchItems(input: CheckBatchItemsInput): Promise<BatchItemOutcome[]> {
      const context = Context.current();
      const { client } = context;
      const outcomes: BatchItemOutcome[] = [];
      const { indexes } = input;
      for (let start = 0; start < indexes.length; start += BATCH_LIMITS.itemDescribesAtOnce) {
        context.heartbeat(start);
        const slice = indexes.slice(start, start + BATCH_LIMITS.itemDescribesAtOnce);
        const found = await Promise.all(slice.map((index) => outcomeOf(client, input.batchWorkflowId, index)));
        for (const outcome of found) if (outcome !== null) outcomes.push(outcome);
      }
      return outcomes;
    },
  };
}

/** The batch item activities' type, for `proxyActivities<BatchItemActivities>()` in workflows. */
export type BatchItemActivities = ReturnType<typeof createBatchItemActivities>;
