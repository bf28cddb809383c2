import { proxyActivities } from '@temporalio/workflow';
import type { BatchActivities } from '../../activities/read-batch-page';
import { BATCH_LIMITS, READ_BATCH_PAGE_ACTIVITY_OPTIONS } from '../../common/batch-policies';
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

/** Reads the next page of the source into `pending` when it has run dry; a page at a time keeps state small. */
export async function refillFromSource(settings: BatchSettings, state: BatchState): Promise<void> {
  if (state.pending.length > 0 || state.sourceDone || settings.source === undefined) return;
  const page = await readBatchPage({
    source: settings.source,
    offset: state.sourceOffset,
    firstIndex: state.nextIndex,
    maxItems: BATCH_LIMITS.pageItems,
    maxBytes: BATCH_LIMITS.pageBytes,
    // Every page after the first checks that the source is still the one it began (BatchSourceChanged).
    ...(state.sourceFingerprint && { expected: state.sourceFingerprint }),
  });
  state.sourceFingerprint ??= page.fingerprint;
  state.pending.push(...page.items);
  state.nextIndex += page.items.length;
  state.sourceOffset = page.nextOffset;
  state.sourceDone = page.done;
}
