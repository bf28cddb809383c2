import { CancellationScope, condition, log, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { BatchItemActivities } from '../../activities/check-batch-items';
import { CHECK_BATCH_ITEMS_ACTIVITY_OPTIONS } from '../../common/batch-policies';
import { BATCH_ITEM_CHECK_PATCH } from '../patches';
import type { BatchSettings } from './batch-settings';
import { recordOutcome } from './batch-state';
import type { BatchState } from './types';

const { checkBatchItems } = proxyActivities<BatchItemActivities>(CHECK_BATCH_ITEMS_ACTIVITY_OPTIONS);

/** What the watch reads and wakes of a batch run. */
export interface WatchedRun {
  settings: BatchSettings;
  state: BatchState;
  batchId: string;
  /** Items whose child handle this run holds: their result reports them even if they never signal. */
  watched: Set<string>;
  /** Signals this run handled: each is a new workflow task, where a 0.2.0 run can take the patch. */
  signals: number;
  wake: boolean;
}

/** Running items this run holds no handle of: started by an earlier run, or by an execution terminated before. */
const unwatched = (run: WatchedRun) => Object.keys(run.state.running).filter((index) => !run.watched.has(index));

/**
 * Whether this run checks its unwatched items: asked once such items exist, and again after each
 * signal until yes. A new run says yes at once (one marker per run); a 0.2.0 run replaying says no
 * until its first new workflow task, so its recorded commands replay unchanged.
 */
async function checksItems(run: WatchedRun): Promise<void> {
  for (;;) {
    if (patched(BATCH_ITEM_CHECK_PATCH)) return;
    const seen = run.signals;
    await condition(() => run.signals !== seen);
  }
}

/** One check: the unwatched items that closed are counted (their result, or how they closed). */
async function checkOnce(run: WatchedRun): Promise<void> {
  const indexes = unwatched(run).map(Number);
  if (indexes.length === 0) return;
  try {
    const outcomes = await checkBatchItems({ batchWorkflowId: run.batchId, indexes });
    for (const outcome of outcomes) {
      if (!recordOutcome(run.state, outcome)) continue;
      run.wake = true;
      if (outcome.status !== 'SUCCEEDED')
        log.warn('Batch item closed without reporting', { index: outcome.index, failure: outcome.failure });
    }
  } catch (err) {
    // Only late: the next interval checks again.
    log.warn('Could not check the batch items', { count: indexes.length, error: String(err) });
  }
}

/**
 * Runs beside the batch for the whole run, in a non-cancellable scope so it also serves a batch that
 * is stopping or being cancelled: while the run has items it holds no handle of (their signal is all
 * it would hear of them), checks them every `itemCheckInterval`. Costs nothing while it has none.
 */
export function watchEarlierItems(run: WatchedRun): Promise<void> {
  return CancellationScope.nonCancellable(async () => {
    await condition(() => unwatched(run).length > 0);
    await checksItems(run);
    for (;;) {
      await condition(() => unwatched(run).length > 0);
      await sleep(run.settings.itemCheckIntervalMs);
      await checkOnce(run);
    }
  });
}
