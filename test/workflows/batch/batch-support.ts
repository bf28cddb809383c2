import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { specWorkflowId } from '../../../src/common/constants';
import type { BatchProgress } from '../../../src/workflows';
import { getBatchProgressQuery } from '../../../src/workflows';

/** A poll schedule that reads every 200 ms: the tests' specs end after a read or two. */
export const FAST_POLL = { initialInterval: '200 milliseconds', maximumInterval: '200 milliseconds', jitter: 0 };

/** A seedless request whose name starts with `prefix` and is unique to this run. */
export function request(prefix: string, i: number) {
  return { name: `${prefix}-${i}-${randomUUID().slice(0, 8)}`, generation_objectives: 'Short product reviews' };
}

/** Most spec workflows open at once, from the server's start and close times of each (closes first on ties). */
export async function peakOpenSpecWorkflows(client: Client, names: readonly string[]): Promise<number> {
  const edges: [ms: number, delta: number][] = [];
  for (const name of names) {
    const description = await client.workflow.getHandle(specWorkflowId({ name })).describe();
    edges.push([description.startTime.getTime(), +1]);
    assert.ok(description.closeTime, `${name} still open`);
    edges.push([description.closeTime.getTime(), -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let peak = 0;
  for (const [, delta] of edges) peak = Math.max(peak, (open += delta));
  return peak;
}

/** Polls the batch's progress query until `done` holds (20 s at most). */
export async function waitForBatch(
  handle: WorkflowHandle,
  done: (progress: BatchProgress) => boolean,
  timeoutMs = 20_000,
): Promise<BatchProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await handle.query(getBatchProgressQuery);
    if (done(progress)) return progress;
    if (Date.now() > deadline) assert.fail(`batch progress never matched: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
