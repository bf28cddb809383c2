// The createSpecsBatchWorkflow scenarios of `npm run record-histories`: a batch run to its end, one
// caught with its items waiting, continue-as-new (to the end, and caught in a later run while items
// of an earlier run still wait), stopped by maxFailures, cancelled, terminated and started again, a
// source that vanishes between pages, and (since 0.2.0) an item of an earlier run terminated. Each also records the batch's item workflows
// (`<name>.item-<index>.json`) and their spec children (`<name>.item-<index>.spec-child.json`).
import { rmSync } from 'node:fs';
import { WorkflowFailedError } from '@temporalio/client';
import type { BatchProgress } from '../src/workflows';
import { batchItemIdOf, batchItemName, batchSourcePath, DOOMED_NAMES } from './history-batch-kind';
import type { BatchScenarioItem, ScenarioContext, ScenarioOf } from './history-scenario';
import { check, FAST_POLL, MANUAL, waitUntil } from './history-scenario-helpers';

type BatchScenario = ScenarioOf<'batch'>;
type Context = ScenarioContext<'batch'>;

const goods = (count: number): BatchScenarioItem[] => Array<BatchScenarioItem>(count).fill('good');

/** Waits until the batch has `running` items and each of their specs was created and read once. */
async function itemsWaiting(context: Context, name: string, running: number): Promise<BatchProgress> {
  const progress = await context.waitFor((p) => p.running === running);
  await waitUntil(`${running} specs of ${name} created and read`, () => {
    const { specsTotal, requests } = context.simulator.counters();
    return specsTotal >= progress.succeeded + running && requests.get >= running;
  });
  return context.waitFor((p) => p.running === running);
}

/** Ends item `index`'s spec SUCCEEDED once it exists, then waits for the batch to count it. */
async function completeItem(context: Context, name: string, index: number): Promise<BatchProgress> {
  const spec = batchItemName(name, index);
  await waitUntil(`${spec} created`, () => context.simulator.counters().createdByName[spec] === 1);
  const before = (await context.waitFor(() => true)).succeeded;
  context.simulator.control.complete(spec, 'SUCCEEDED');
  return context.waitFor((p) => p.succeeded > before);
}

/** Completes the items in order, one at a time, until `until` holds (or every item is done). */
async function completeInOrder(context: Context, name: string, count: number, until = (_: BatchProgress) => false) {
  for (let index = 0; index < count; index++) {
    if (until(await completeItem(context, name, index))) return;
  }
}

/** A chain of `count` good items at concurrency 3 that continues as new after 50 events. */
function continuing(name: string, capture: 'complete' | 'mid-wait', linesPerPage?: number): BatchScenario {
  const count = 8;
  return {
    workflow: 'batch',
    name,
    covers:
      capture === 'complete'
        ? `createSpecsBatchWorkflow, ${count} items from a JSONL file read 3 a page, concurrency 3, continueAsNewAfterEvents 50: continued as new (state carried, items of earlier runs reporting by signal only) and ended with every item SUCCEEDED`
        : `createSpecsBatchWorkflow, ${count} inline items, concurrency 3, continueAsNewAfterEvents 50: continued as new, caught in a later run with 3 items waiting that an earlier run started`,
    capture,
    expectedStatus: capture === 'complete' ? 'COMPLETED' : 'RUNNING',
    simulator: MANUAL,
    input: {
      items: goods(count),
      concurrency: 3,
      continueAsNewAfterEvents: 50,
      poll: FAST_POLL,
      ...(linesPerPage !== undefined && { linesPerPage }),
    },
    async drive(context) {
      if (capture === 'complete') {
        await completeInOrder(context, name, count);
        const result = await context.handle.result();
        check(result.succeeded === count && result.runs >= 2, JSON.stringify(result));
        return;
      }
      await completeInOrder(context, name, count, (p) => p.runs >= 2);
      const progress = await itemsWaiting(context, name, 3);
      // Some of the items the run in force waits on were started by an earlier run.
      const history = await context.client.workflow.getHandle(context.handle.workflowId).fetchHistory();
      const starts = history.events?.filter((event) => event.startChildWorkflowExecutionInitiatedEventAttributes);
      const startedHere = starts?.length ?? 0;
      check(progress.runs >= 2 && startedHere < 3, `${JSON.stringify(progress)}, ${startedHere} started by this run`);
    },
  };
}

/** Every batch scenario, in the order of the index. */
export const BATCH_SCENARIOS: readonly BatchScenario[] = [
  {
    workflow: 'batch',
    name: 'batch-complete',
    covers:
      'createSpecsBatchWorkflow, 5 inline items at concurrency 2: 3 SUCCEEDED after two reads, one spec FAILED (SpecGenerationFailed), one invalid request (InvalidInput, no spec)',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 }, failNamesMatching: DOOMED_NAMES },
    input: { items: ['good', 'good', 'doomed', 'invalid', 'good'], concurrency: 2, poll: FAST_POLL },
    async drive(context) {
      const result = await context.handle.result();
      const types = result.failures.map(({ type }) => type).sort();
      check(result.succeeded === 3 && result.failed === 2, JSON.stringify(result));
      check(JSON.stringify(types) === '["InvalidInput","SpecGenerationFailed"]', JSON.stringify(types));
    },
  },
  {
    workflow: 'batch',
    name: 'batch-mid-wait',
    covers:
      'createSpecsBatchWorkflow, 4 inline items at concurrency 2: caught with 2 items waiting on their specs (each caught mid-wait too) and 2 pending',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { items: goods(4), concurrency: 2, poll: FAST_POLL },
    async drive(context) {
      const progress = await itemsWaiting(context, 'batch-mid-wait', 2);
      check(progress.pending === 2, JSON.stringify(progress));
    },
  },
  continuing('batch-continue-as-new', 'complete', 3),
  continuing('batch-continue-as-new-mid-wait', 'mid-wait'),
  {
    workflow: 'batch',
    name: 'batch-stop-max-failures',
    covers:
      'createSpecsBatchWorkflow, maxFailures 2, concurrency 3: two invalid items fail, the batch stops, cancels its 2 running items (their specs cancelled) and ends with stopReason and items not started',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: MANUAL,
    input: {
      items: ['good', 'good', 'invalid', 'invalid', 'good', 'good'],
      concurrency: 3,
      maxFailures: 2,
      poll: FAST_POLL,
    },
    async drive(context) {
      const result = await context.handle.result();
      check(/^maxFailures: 2 specs failed/.test(result.stopReason ?? ''), String(result.stopReason));
      check(result.failed === 2 && result.cancelled === 2 && result.notStarted === 2, JSON.stringify(result));
    },
  },
  {
    workflow: 'batch',
    name: 'batch-cancelled',
    covers:
      "createSpecsBatchWorkflow, onCancel 'delete', concurrency 2: cancelled with 2 items waiting, which cancel their specs (deleted on DataFramer)",
    capture: 'complete',
    expectedStatus: 'CANCELLED',
    simulator: MANUAL,
    input: { items: goods(4), concurrency: 2, poll: FAST_POLL, onCancel: 'delete' },
    async drive(context) {
      await itemsWaiting(context, 'batch-cancelled', 2);
      await context.handle.cancel();
      await context.handle.result().catch(() => undefined);
      const { requests } = context.simulator.counters();
      check(requests.delete === 2, `${requests.delete} deletes`);
    },
  },
  {
    workflow: 'batch',
    name: 'batch-restarted',
    covers:
      'createSpecsBatchWorkflow terminated with 2 items waiting and started again under its id: the new execution finds them running (WorkflowExecutionAlreadyStarted), hears their signals, starts the rest, every item SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: MANUAL,
    input: { items: goods(5), concurrency: 2, poll: FAST_POLL },
    async drive(context) {
      await itemsWaiting(context, 'batch-restarted', 2);
      const again = await context.restart();
      // The context's queries name the workflow id only: they reach the execution started again.
      await completeInOrder(context, 'batch-restarted', 5);
      const result = await again.result();
      check(result.succeeded === 5 && result.failed === 0, JSON.stringify(result));
      return again;
    },
  },
  {
    workflow: 'batch',
    name: 'batch-source-unreadable',
    // 0.2.0's fixture of this scenario is 0.2.0's path: the batch failed at once with the read's
    // BatchSourceUnreadable, its items 1 and 2 still waiting (the index entry says so).
    covers:
      'createSpecsBatchWorkflow, a JSONL file read 3 lines a page at concurrency 2, deleted after the first page: the next read fails with BatchSourceUnreadable, the batch starts nothing more, waits for items 1 and 2, then fails with BatchSourceFailed and their counts',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { items: goods(5), linesPerPage: 3, concurrency: 2, poll: FAST_POLL },
    async drive(context) {
      const name = 'batch-source-unreadable';
      await itemsWaiting(context, name, 2);
      rmSync(batchSourcePath(name));
      context.simulator.control.complete(batchItemName(name, 0), 'SUCCEEDED');
      const stopped = await context.waitFor((p) => p.stopReason !== undefined);
      check(stopped.running === 2, JSON.stringify(stopped));
      for (const index of [1, 2]) await completeItem(context, name, index);
      const err = await context.handle.result().then(
        () => undefined,
        (e: unknown) => e,
      );
      check(err instanceof WorkflowFailedError, `did not fail: ${String(err)}`);
      const failure = (err as WorkflowFailedError).cause as { type?: string; details?: unknown[] } | undefined;
      const counts = failure?.details?.[0] as { succeeded?: number } | undefined;
      check(
        failure?.type === 'BatchSourceFailed' && counts?.succeeded === 3,
        `${failure?.type}, ${JSON.stringify(counts)}`,
      );
    },
  },
  {
    workflow: 'batch',
    name: 'batch-item-terminated',
    covers:
      'createSpecsBatchWorkflow, 8 inline items, concurrency 3, continueAsNewAfterEvents 50, itemCheckInterval 1 s: continued as new, an item an earlier run started is terminated by an operator, the run in force finds it closed (checkBatchItems) and counts it as ItemTerminated; the rest SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: MANUAL,
    input: {
      items: goods(8),
      concurrency: 3,
      continueAsNewAfterEvents: 50,
      itemCheckInterval: '1 second',
      poll: FAST_POLL,
    },
    async drive(context) {
      const name = 'batch-item-terminated';
      await completeInOrder(context, name, 8, (p) => p.runs >= 2);
      const { succeeded } = await itemsWaiting(context, name, 3);
      // The oldest running item: started before the continue-as-new.
      await context.client.workflow.getHandle(batchItemIdOf(name, succeeded)).terminate('terminated by an operator');
      await context.waitFor((p) => p.failed === 1);
      for (let index = succeeded + 1; index < 8; index++) await completeItem(context, name, index);
      const result = await context.handle.result();
      const [failure] = result.failures;
      check(result.succeeded === 7 && failure?.type === 'ItemTerminated', JSON.stringify(result));
    },
  },
];
