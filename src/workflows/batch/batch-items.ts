import {
  ActivityFailure,
  ApplicationFailure,
  isCancellation,
  log,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type { BatchActivities } from '../../activities/read-batch-page';
import { BATCH_LIMITS, READ_BATCH_PAGE_ACTIVITY_OPTIONS } from '../../common/batch-policies';
import { BATCH_SOURCE_FAILURE_PATCH } from '../patches';
import type { BatchSettings } from './batch-settings';
import type { BatchItem, BatchState } from './types';

const { readBatchPage } = proxyActivities<BatchActivities>(READ_BATCH_PAGE_ACTIVITY_OPTIONS);

/** Puts every inline request of a new batch in `pending`: all known at once. */
export function takeInlineItems(settings: BatchSettings, state: BatchState): void {
  const requests = settings.requests ?? [];
  state.nextIndex = requests.length;
  state.sourceDone = true;
  state.pending = requests.map((request, index): BatchItem => ({ index, request }));
}

/**
 * A read that failed for good (a non-retryable type at once, any other after its retries) stops the
 * batch: it starts no more items, waits for those it started and then fails with `BatchSourceFailed`.
 * False when the batch must fail at once, as 0.2.0 did (a run replaying 0.2.0's history).
 */
function stopOnSourceFailure(state: BatchState, err: unknown): boolean {
  if (!(err instanceof ActivityFailure) || isCancellation(err) || !patched(BATCH_SOURCE_FAILURE_PATCH)) return false;
  const cause = err.cause;
  const type = cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : (cause?.name ?? 'ActivityFailure');
  const message = (cause?.message ?? err.message).slice(0, BATCH_LIMITS.maxFailureMessage);
  state.sourceFailure = { type, message };
  state.stopReason = `source: ${type}: ${message}`;
  log.warn('The batch source failed: no more items start; waiting for those running', {
    type,
    running: Object.keys(state.running).length,
  });
  return true;
}

/** Reads the next page of the source into `pending` when it has run dry; a page at a time keeps state small. */
export async function refillFromSource(settings: BatchSettings, state: BatchState): Promise<void> {
  if (state.pending.length > 0 || state.sourceDone || settings.source === undefined) return;
  let page;
  try {
    page = await readBatchPage({
      source: settings.source,
      offset: state.sourceOffset,
      firstIndex: state.nextIndex,
      maxItems: BATCH_LIMITS.pageItems,
      maxBytes: BATCH_LIMITS.pageBytes,
      // Every page after the first checks that the source is still the one it began (BatchSourceChanged).
      ...(state.sourceFingerprint && { expected: state.sourceFingerprint }),
    });
  } catch (err) {
    if (stopOnSourceFailure(state, err)) return;
    throw err;
  }
  state.sourceFingerprint ??= page.fingerprint;
  state.pending.push(...page.items);
  state.nextIndex += page.items.length;
  state.sourceOffset = page.nextOffset;
  state.sourceDone = page.done;
}
