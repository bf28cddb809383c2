// A batch never waits forever (issue 21, item 6): an item an earlier run of the batch started (known
// to the run in force only by its signal) that closes without signalling is noticed and counted, also
// while the batch stops on maxFailures and while it is being cancelled; a source that fails mid-batch
// ends the batch once the items it started have ended, reporting them. On the dev server: items are
// terminated through the client, as an operator would.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure, CancelledFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { batchItemWorkflowId } from '../../../src/common/batch-ids';
import { BATCH_LIMITS } from '../../../src/common/batch-policies';
import {
  createSpecsBatchWorkflow,
  getBatchProgressQuery,
  type BatchProgress,
  type CreateSpecsBatchInput,
  type CreateSpecsBatchResult,
} from '../../../src/workflows';
import { rejectionOf } from '../../support/rejection';
import { createSpecHarness, type SpecHarness } from '../../support/spec-harness';
import { useTemporalWorld, type TemporalWorld } from '../../support/temporal-world';
import { FAST_POLL, request, waitForBatch } from './batch-support';

/** How long a batch may take to notice: minutes in production, seconds with the tests' check interval. */
const BOUND_MS = 90_000;
const OPERATOR = 'terminated by an operator';

/** Resolves with the batch's end (result or failure), or fails the test once BOUND_MS passed. */
async function endWithin<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still running after ${BOUND_MS / 1000} s`)), BOUND_MS);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Ends every spec the simulator made (but `except`) SUCCEEDED, every 200 ms, until stopped. */
function completeAll(h: SpecHarness, except: (name: string) => boolean = () => false): () => void {
  const timer = setInterval(() => {
    for (const name of Object.keys(h.simulator.counters().createdByName)) {
      if (except(name)) continue;
      try {
        h.simulator.control.complete(name, 'SUCCEEDED');
      } catch {
        // already terminal
      }
    }
  }, 200);
  return () => clearInterval(timer);
}

/** Item indexes the run in force started itself (every other running item is an earlier run's). */
async function startedByThisRun(world: TemporalWorld, batchId: string): Promise<Set<number>> {
  const history = await world.env.client.workflow.getHandle(batchId).fetchHistory();
  const ids = (history.events ?? []).flatMap(
    (event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? [],
  );
  return new Set(ids.map((id) => Number(id.slice(id.lastIndexOf('-') + 1))));
}

interface ContinuedBatch {
  handle: WorkflowHandle<typeof createSpecsBatchWorkflow>;
  batchId: string;
  names: string[];
  /** A running item the run in force did not start: known to it only by the signal it will never send. */
  earlier: number;
  /** The other running items. */
  others: number[];
}

/**
 * Starts 10 items at concurrency 3 that continue as new after 50 events, ends their specs one at a
 * time until the batch runs its second run, then names a running item an earlier run started.
 */
async function continuedBatch(world: TemporalWorld, h: SpecHarness, extra: Partial<CreateSpecsBatchInput> = {}) {
  const requests = Array.from({ length: 10 }, (_, i) => request('ends', i));
  const names = requests.map(({ name }) => name);
  const batchId = `batch-${randomUUID()}`;
  const input = {
    requests,
    concurrency: 3,
    continueAsNewAfterEvents: 50,
    poll: FAST_POLL,
    itemCheckInterval: '2 seconds',
    ...extra,
  } as CreateSpecsBatchInput;
  const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
    taskQueue: h.taskQueue,
    workflowId: batchId,
    args: [input],
  });
  let progress: BatchProgress = await waitForBatch(handle, (p) => p.running === 3);
  for (let index = 0; progress.runs < 2; index++) {
    const name = names[index]!;
    while (h.simulator.counters().createdByName[name] !== 1) await new Promise((r) => setTimeout(r, 50));
    h.simulator.control.complete(name, 'SUCCEEDED');
    progress = await waitForBatch(handle, (p) => p.succeeded === index + 1);
  }
  progress = await waitForBatch(handle, (p) => p.running === 3);
  const finished = progress.succeeded;
  const running = [...Array(names.length).keys()].filter(
    (i) => i >= finished && h.simulator.counters().createdByName[names[i]!] === 1,
  );
  const mine = await startedByThisRun(world, batchId);
  const earlier = running.find((i) => !mine.has(i));
  assert.ok(earlier !== undefined, `running ${running.join(', ')}; this run started ${[...mine].join(', ')}`);
  return { handle, batchId, names, earlier, others: running.filter((i) => i !== earlier) } satisfies ContinuedBatch;
}

async function terminateItem(world: TemporalWorld, batch: ContinuedBatch): Promise<void> {
  await world.env.client.workflow.getHandle(batchItemWorkflowId(batch.batchId, batch.earlier)).terminate(OPERATOR);
}

describe('a batch never waits forever: items that close without reporting, sources that fail (dev server)', function () {
  this.timeout(240_000);
  const world = useTemporalWorld('dev-server');

  it('counts an item an earlier run started and an operator terminated as failed, with the reason, and ends', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const result = await h.run(async () => {
      const batch = await continuedBatch(world, h);
      await terminateItem(world, batch);
      const stop = completeAll(h, (name) => name === batch.names[batch.earlier]);
      try {
        return { batch, result: await endWithin(batch.handle.result(), 'the batch') };
      } finally {
        stop();
      }
    });
    const { batch } = result;
    assert.equal(result.result.succeeded, 9);
    assert.equal(result.result.failed, 1);
    assert.deepEqual(result.result.failures, [{ index: batch.earlier, type: 'ItemTerminated', message: OPERATOR }]);
    assert.ok(result.result.runs >= 2, `${result.result.runs} runs`);
  });

  it('while stopping on maxFailures: the terminated item is counted, the others cancelled, and the batch ends', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const { batch, result } = await h.run(async () => {
      const batch = await continuedBatch(world, h, { maxFailures: 1 });
      await terminateItem(world, batch);
      // Another running item fails at once: the batch stops and cancels what runs, the terminated item included.
      h.simulator.control.complete(batch.names[batch.others[0]!]!, 'FAILED');
      return { batch, result: await endWithin(batch.handle.result(), 'the stopping batch') };
    });
    assert.match(result.stopReason ?? '', /^maxFailures: /);
    assert.deepEqual(
      result.failures.find(({ index }) => index === batch.earlier),
      { index: batch.earlier, type: 'ItemTerminated', message: OPERATOR },
    );
    assert.equal(result.succeeded + result.failed + result.cancelled + result.notStarted, 10, JSON.stringify(result));
  });

  it('while being cancelled: the terminated item is counted and the batch ends cancelled within the bound', async function () {
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const { batch, cause, progress } = await h.run(async () => {
      const batch = await continuedBatch(world, h);
      await terminateItem(world, batch);
      await batch.handle.cancel();
      const err = await endWithin(rejectionOf(batch.handle.result()), 'the cancelled batch');
      assert.ok(err instanceof WorkflowFailedError, String(err));
      return { batch, cause: err.cause, progress: await batch.handle.query(getBatchProgressQuery) };
    });
    assert.ok(cause instanceof CancelledFailure, `got ${String(cause)}`);
    assert.equal(progress.running, 0);
    assert.deepEqual(
      progress.latestFailures.find(({ index }) => index === batch.earlier),
      { index: batch.earlier, type: 'ItemTerminated', message: OPERATOR },
    );
  });

  it('a JSONL source deleted between pages: the batch waits for the items it started, then fails with their counts', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'batch-ends-'));
    const source = path.join(dir, 'specs.jsonl');
    const requests = Array.from({ length: 6 }, (_, i) => request('vanishing', i));
    // Lines padded with spaces (the reader trims them) so that a page holds three.
    const width = Math.floor(BATCH_LIMITS.pageBytes / 3) - 1;
    writeFileSync(source, requests.map((r) => `${JSON.stringify(r).padEnd(width, ' ')}\n`).join(''));
    const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { manual: true } } });
    const input: CreateSpecsBatchInput = { source: { path: source }, concurrency: 2, poll: FAST_POLL };
    try {
      const { err, stopped, items } = await h.run(async () => {
        const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
          taskQueue: h.taskQueue,
          workflowId: `batch-${randomUUID()}`,
          args: [input],
        });
        await waitForBatch(handle, (p) => p.running === 2 && p.pending === 1);
        while (h.simulator.counters().specsTotal < 2) await new Promise((r) => setTimeout(r, 50));
        rmSync(source);
        // Item 0 ends, item 2 starts, the next page cannot be read.
        h.simulator.control.complete(requests[0]!.name, 'SUCCEEDED');
        const stopped = await waitForBatch(handle, (p) => p.stopReason !== undefined, 30_000);
        const stop = completeAll(h);
        try {
          const err = await endWithin(rejectionOf(handle.result()), 'the batch without its source');
          const items = await Promise.all(
            [0, 1, 2].map((i) =>
              world.env.client.workflow.getHandle(batchItemWorkflowId(handle.workflowId, i)).describe(),
            ),
          );
          return { err, stopped, items };
        } finally {
          stop();
        }
      });
      assert.match(stopped.stopReason ?? '', /^source: BatchSourceUnreadable: /);
      assert.equal(stopped.running, 2, 'it stopped starting items but kept those it started');
      assert.ok(err instanceof WorkflowFailedError, String(err));
      const failure = err.cause;
      assert.ok(failure instanceof ApplicationFailure, String(failure));
      assert.equal(failure.type, 'BatchSourceFailed');
      const [counts] = failure.details as [CreateSpecsBatchResult];
      assert.equal(counts.succeeded, 3, JSON.stringify(counts));
      assert.equal(counts.total, 3);
      assert.match(counts.stopReason ?? '', /^source: BatchSourceUnreadable: /);
      assert.deepEqual(
        items.map((d) => d.status.name),
        ['COMPLETED', 'COMPLETED', 'COMPLETED'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
