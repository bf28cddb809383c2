// Reading a batch source page by page with the real `readBatchPage` activity, as the batch workflow
// does (the first page's fingerprint passed to every later page), with hooks between pages.
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createBatchActivities, type BatchPage, type ReadBatchPageInput } from '../../../src/activities';
import type { BatchItem, BatchSource } from '../../../src/workflows';
import { CapturingLogger } from './activity-harness';

/** Page sizes of a read. */
export interface PageSize {
  maxItems: number;
  maxBytes: number;
}

/** Every page of `source`: its items, the pages read, and the heartbeats sent. */
export async function readAllPages(
  source: BatchSource,
  size: PageSize,
  betweenPages?: (pagesRead: number) => void | Promise<void>,
): Promise<{ items: BatchItem[]; pages: number }> {
  const activities = createBatchActivities();
  const env = new MockActivityEnvironment({}, { logger: new CapturingLogger() });
  const items: BatchItem[] = [];
  let input: ReadBatchPageInput = { source, offset: 0, firstIndex: 0, ...size };
  for (let pages = 1; ; pages++) {
    const page: BatchPage = await env.run((next: ReadBatchPageInput) => activities.readBatchPage(next), input);
    items.push(...page.items);
    if (page.done) return { items, pages };
    assert.ok(page.nextOffset > input.offset, `page ${pages} did not move on from byte ${input.offset}`);
    await betweenPages?.(pages);
    const expected = input.expected ?? page.fingerprint;
    input = {
      ...input,
      offset: page.nextOffset,
      firstIndex: input.firstIndex + page.items.length,
      ...(expected && { expected }),
    };
    assert.ok(pages < 10_000, 'too many pages');
  }
}

/** Runs one page read, counting the heartbeats it sends and when. */
export async function readOnePage(input: ReadBatchPageInput): Promise<{ page: BatchPage; heartbeatsAtMs: number[] }> {
  const activities = createBatchActivities();
  const env = new MockActivityEnvironment({}, { logger: new CapturingLogger() });
  const started = Date.now();
  const heartbeatsAtMs: number[] = [];
  env.on('heartbeat', () => heartbeatsAtMs.push(Date.now() - started));
  const page: BatchPage = await env.run((next: ReadBatchPageInput) => activities.readBatchPage(next), input);
  return { page, heartbeatsAtMs };
}
