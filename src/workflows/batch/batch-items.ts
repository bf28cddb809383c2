import { proxyActivities } from '@temporalio/workflow';
import type { BatchActivities } from '../../activities/read-batch-page';
import { BATCH_LIMITS, READ_BATCH_PAGE_ACTIVITY_OPTIONS } from '../../common/batch-policies';
import type { BatchSettings } from './batch-settings';
import type { BatchItem, BatchState } from './types';

const { readBatchPage } = proxyActivities<BatchActivities>(READ_BATCH_PAGE_ACTIVITY_OPTIONS);

/** The items of a new batch with inline requests: all of them, known at once. */
export function inlineItems(settings: BatchSettings, state: BatchState): BatchItem[] {
  const requests = settings.requests ?? [];
  state.nextIndex = requests.length;
  state.sourceDone = true;
  return requests.map((request, index) => ({ index, request }));
}

/** Reads the next page of the source into `pending` when it has run dry; a page at a time keeps state small. */
export async function refillFromSource(
  settings: BatchSettings,
  state: BatchState,
  pending: BatchItem[],
): Promise<void> {
  if (pending.length > 0 || state.sourceDone || settings.source === undefined) return;
  const page = await readBatchPage({
    source: settings.source,
    offset: state.sourceOffset,
    firstIndex: state.nextIndex,
    maxItems: BATCH_LIMITS.pageItems,
    maxBytes: BATCH_LIMITS.pageBytes,
  });
  pending.push(...page.items);
  state.nextIndex += page.items.length;
  state.sourceOffset = page.nextOffset;
  state.sourceDone = page.done;
}
