import {
  allHandlersFinished,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { batchItemWorkflowId } from '../../common/batch-ids';
import { closedItemFailure } from '../../common/batch-item-close';
import { BATCH_LIMITS } from '../../common/batch-policies';
import { BATCH_ITEM_FAILURE_TYPES } from '../../common/failure-types';
import { checkConcurrency, resolveBatchSettings } from './batch-settings';
import { refillFromSource, takeInlineItems } from './batch-items';
import {
  newBatchState,
  recordOutcome,
  recordRateLimit,
  runningCount,
  stopReasonOf,
  finishBatch,
  toBatchProgress,
} from './batch-state';
import {
  batchItemFinishedSignal,
  batchItemRateLimitedSignal,
  getBatchProgressQuery,
  setBatchConcurrencySignal,
} from './definitions';
import { createSpecsBatchItemWorkflow } from './item-workflow';
import { watchEarlierItems, type WatchedRun } from './item-watch';
import { recordBatchRunningChildren } from '../workflow-metrics';
import type { BatchItem, CreateSpecsBatchInput, CreateSpecsBatchResult } from './types';

/**
 * Priority of batch items (and, inherited, of their specs and activities): lower than the default 3
 * of a spec started on its own, so on a server with task-queue priority an interactive spec goes first.
 */
export const BATCH_ITEM_PRIORITY = { priorityKey: 4 } as const;

/** How long a cancelled or stopped batch waits for its running items to report their cancellation. */
const CANCEL_WAIT_MS = 10 * 60_000;

/** What one run of the batch works with besides its state. */
interface Run extends WatchedRun {
  /** Item starts not yet acknowledged by the server. */
  starting: number;
  draining: boolean;
}

function startFailed(run: Run, item: BatchItem, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const failure = { type: BATCH_ITEM_FAILURE_TYPES.ItemStartFailed, message };
  recordOutcome(run.state, { index: item.index, status: 'FAILED', failure });
}

/** An item this run started closed without a result (terminated, timed out): counted by how it closed. */
function closedWithoutResult(run: Run, item: BatchItem, err: unknown): void {
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  recordOutcome(run.state, { index: item.index, ...closedItemFailure(cause) });
}

function startItem(run: Run, item: BatchItem): void {
  const { state, settings, batchId } = run;
  state.running[String(item.index)] = Date.now();
  run.watched.add(String(item.index));
  run.starting += 1;
  const spec = item.invalid === undefined ? { ...settings.childDefaults, request: item.request as never } : undefined;
  const args = [
    {
      index: item.index,
      batchWorkflowId: batchId,
      ...(spec && { spec }),
      ...(item.invalid !== undefined && { invalid: item.invalid }),
    },
  ] as const;
  // Not cancellable with the batch's scope: items from earlier runs cannot be, so every item is
  // cancelled the same way (cancelRunning). ABANDON: continuing as new must not cancel them.
  const started = CancellationScope.nonCancellable(() =>
    startChild(createSpecsBatchItemWorkflow, {
      workflowId: batchItemWorkflowId(batchId, item.index),
      parentClosePolicy: 'ABANDON',
      priority: BATCH_ITEM_PRIORITY,
      args: [...args],
    }),
  );
  void started
    .then(
      // The signal normally reports first; the result covers an item terminated before it could signal.
      (handle) =>
        void handle
          .result()
          .then(
            (outcome) => recordOutcome(state, outcome),
            (err: unknown) => closedWithoutResult(run, item, err),
          )
          .finally(() => (run.wake = true)),
      (err: unknown) => {
        if (err instanceof WorkflowExecutionAlreadyStartedError) {
          // Started by an earlier, terminated execution of this batch: it signals this workflow id when
          // done, and the item watch checks it meanwhile.
          run.watched.delete(String(item.index));
          log.info('Batch item already running; waiting for its signal', { index: item.index });
        } else startFailed(run, item, err);
      },
    )
    .finally(() => {
      run.starting -= 1;
      run.wake = true;
    });
}

async function cancelRunning(run: Run): Promise<void> {
  const indexes = Object.keys(run.state.running);
  log.info('Cancelling running batch items', { count: indexes.length, reason: run.state.stopReason });
  await CancellationScope.nonCancellable(async () => {
    await condition(() => run.starting === 0);
    await Promise.all(
      Object.keys(run.state.running).map((index) =>
        getExternalWorkflowHandle(batchItemWorkflowId(run.batchId, Number(index)))
          .cancel()
          .catch((err: unknown) => log.warn('Could not cancel a batch item', { index, error: String(err) })),
      ),
    );
    if (!(await condition(() => runningCount(run.state) === 0, CANCEL_WAIT_MS))) {
      log.warn('Batch items did not report their cancellation in time', { running: runningCount(run.state) });
    }
  });
}

function shouldContinueAsNew(run: Run): boolean {
  const info = workflowInfo();
  return (
    info.continueAsNewSuggested ||
    info.historyLength >= run.settings.continueAsNewAfterEvents ||
    run.signals >= BATCH_LIMITS.continueAsNewAfterSignals
  );
}

async function continueBatchAsNew(run: Run, input: CreateSpecsBatchInput): Promise<never> {
  run.draining = true;
  // Every start acknowledged and every signal handled: nothing of this run is lost with it.
  await condition(() => run.starting === 0 && allHandlersFinished());
  run.state.runs += 1;
  const next: CreateSpecsBatchInput = { ...input, state: run.state, ...(input.requests && { requests: [] }) };
  return continueAsNew<typeof createSpecsBatchWorkflow>(next);
}

function installHandlers(run: Run): void {
  const { state } = run;
  setHandler(getBatchProgressQuery, () => toBatchProgress(state));
  setHandler(batchItemFinishedSignal, (outcome) => {
    run.signals += 1;
    run.wake = true;
    if (!recordOutcome(state, outcome))
      log.info('Outcome of an item this batch does not run', { index: outcome.index });
  });
  setHandler(batchItemRateLimitedSignal, () => {
    run.signals += 1;
    recordRateLimit(state);
  });
  setHandler(setBatchConcurrencySignal, (concurrency) => {
    run.signals += 1;
    run.wake = true;
    try {
      state.concurrency = checkConcurrency(concurrency);
    } catch (err) {
      log.warn('Ignored setBatchConcurrency', { error: String(err) });
      return;
    }
    state.window = state.lastRateLimitAtMs === undefined ? concurrency : Math.min(concurrency, state.window);
  });
}

async function runBatch(run: Run, input: CreateSpecsBatchInput): Promise<CreateSpecsBatchResult> {
  const { state, settings } = run;
  for (;;) {
    if (state.stopReason === undefined) {
      const reason = stopReasonOf(state, settings);
      if (reason !== undefined) {
        state.stopReason = reason;
        await cancelRunning(run);
      }
    }
    if (state.stopReason === undefined) {
      await refillFromSource(settings, state);
      while (state.pending.length > 0 && runningCount(state) < state.window) startItem(run, state.pending.shift()!);
    }
    recordBatchRunningChildren(runningCount(state));
    const nothingLeft = state.stopReason !== undefined || (state.pending.length === 0 && state.sourceDone);
    if (nothingLeft && run.starting === 0 && runningCount(state) === 0) return finishBatch(state);
    if (shouldContinueAsNew(run)) return continueBatchAsNew(run, input);
    await condition(() => run.wake);
    run.wake = false;
  }
}

/**
 * Creates many specs: one {@link createSpecWorkflow} per request (through a small item workflow that
 * reports back), at most `concurrency` at once, requests inline or read a page at a time from a JSONL
 * source. Tolerates failed items, continues as new before any Temporal limit, and ends with counts,
 * spec ids and failures (or counts only for more than 1,000 items: `getBatchOutcomes` reads the rest).
 */
export async function createSpecsBatchWorkflow(input: CreateSpecsBatchInput): Promise<CreateSpecsBatchResult> {
  const settings = resolveBatchSettings(input);
  const state = input.state ?? newBatchState(settings);
  if (input.state === undefined && settings.requests) takeInlineItems(settings, state);
  const run: Run = {
    settings,
    state,
    batchId: workflowInfo().workflowId,
    watched: new Set(),
    starting: 0,
    signals: 0,
    wake: false,
    draining: false,
  };
  installHandlers(run);
  // Ends with the run (it never throws): the items an earlier run started are checked meanwhile.
  void watchEarlierItems(run);
  try {
    return await runBatch(run, input);
  } catch (err) {
    if (isCancellation(err)) {
      await cancelRunning(run);
      recordBatchRunningChildren(runningCount(state));
    }
    throw err;
  }
}
