import type {
  Client,
  WorkflowHandle,
  WorkflowHandleWithFirstExecutionRunId,
  WorkflowStartOptions,
} from '@temporalio/client';
import { batchItemWorkflowId, batchWorkflowId } from '../common/batch-ids';
import { DEFAULT_TASK_QUEUE } from '../common/constants';
import { createSpecsBatchWorkflow } from '../workflows/batch/batch-workflow';
import { getBatchProgressQuery } from '../workflows/batch/definitions';
import type { createSpecsBatchItemWorkflow } from '../workflows/batch/item-workflow';
import type {
  BatchItemOutcome,
  BatchProgress,
  CreateSpecsBatchInput,
  CreateSpecsBatchResult,
} from '../workflows/batch/types';

/** Options of {@link startCreateSpecsBatch}: Temporal's start options, each with a default, plus the batch's name. */
export type StartCreateSpecsBatchOptions = Partial<
  Omit<WorkflowStartOptions<typeof createSpecsBatchWorkflow>, 'args'>
> & {
  /** Names the batch: its id becomes `dataframer-batch/<name>`. @default a hash of the input */
  name?: string;
};

/**
 * From a client: starts {@link createSpecsBatchWorkflow} on the `dataframer-specs` task queue with the
 * id `dataframer-batch/<name or hash of the input>` and the id-conflict policy USE_EXISTING, so
 * starting the same batch twice attaches to the one running.
 */
export function startCreateSpecsBatch(
  client: Client,
  input: CreateSpecsBatchInput,
  options: StartCreateSpecsBatchOptions = {},
): Promise<WorkflowHandleWithFirstExecutionRunId<typeof createSpecsBatchWorkflow>> {
  const { name, ...rest } = options;
  return client.workflow.start(createSpecsBatchWorkflow, {
    taskQueue: DEFAULT_TASK_QUEUE,
    workflowId: batchWorkflowId(input, name),
    workflowIdConflictPolicy: 'USE_EXISTING',
    ...rest,
    args: [input],
  });
}

/** Like {@link startCreateSpecsBatch}, then waits for the result. */
export async function executeCreateSpecsBatch(
  client: Client,
  input: CreateSpecsBatchInput,
  options?: StartCreateSpecsBatchOptions,
): Promise<CreateSpecsBatchResult> {
  const handle = await startCreateSpecsBatch(client, input, options);
  return handle.result();
}

/** Where a batch stands: its `getBatchProgress` query. */
export function getBatchProgress(handle: WorkflowHandle): Promise<BatchProgress> {
  return handle.query(getBatchProgressQuery);
}

/**
 * Every item's outcome (spec id, or failure type and message), in item order, read from Temporal: each
 * item is a workflow `<batch id>/item-<index>` whose result is its outcome, so this works wherever the
 * client runs (no shared disk) for as long as the namespace retains closed workflows. `total` is the
 * batch result's. Reads `concurrency` results at a time.
 */
export async function* getBatchOutcomes(
  client: Client,
  batchId: string,
  total: number,
  concurrency = 20,
): AsyncGenerator<BatchItemOutcome> {
  for (let first = 0; first < total; first += concurrency) {
    const indexes = Array.from({ length: Math.min(concurrency, total - first) }, (_, i) => first + i);
    const outcomes = await Promise.all(
      indexes.map((index) =>
        client.workflow.getHandle<typeof createSpecsBatchItemWorkflow>(batchItemWorkflowId(batchId, index)).result(),
      ),
    );
    yield* outcomes;
  }
}
