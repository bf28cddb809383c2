import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import { batchItemWorkflowId, batchWorkflowId } from '../../../src/common/batch-ids';
import { specWorkflowId } from '../../../src/common/constants';
import {
  createSpecsBatchWorkflow,
  setBatchConcurrencySignal,
  type createSpecsBatchItemWorkflow,
  type CreateSpecsBatchInput,
} from '../../../src/workflows';
import { executeCreateSpecsBatch, getBatchOutcomes, startCreateSpecsBatch } from '../../../src/client';
import { rejectionOf } from '../../support/rejection';
import { createSpecHarness, type SpecHarnessOptions } from '../../support/spec-harness';
import { useTemporalWorld } from '../../support/temporal-world';
import { FAST_POLL, peakOpenSpecWorkflows, request, waitForBatch } from './batch-support';

function adoptImplemented(): boolean {
  const root = path.resolve(__dirname, '..', '..', '..', 'src');
  const files = ['workflows/create-spec-workflow.ts', 'activities/index.ts', 'activities/create-spec.ts'];
  return files.some(
    (file) => existsSync(path.join(root, file)) && readFileSync(path.join(root, file), 'utf8').includes('ifNameExists'),
  );
}

describe('createSpecsBatchWorkflow on the time-skipping server', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  const harness = (options?: SpecHarnessOptions) => createSpecHarness(world.env, world.bundle, options);

  it('runs 30 mixed items at concurrency 5: never more than 5 specs at once, each created once', async function () {
    // The time-skipping server does not skip a create's retry backoff once the rest of the batch has
    // finished: a create that meets five 500s in a row waits 16 s then 32 s of real time (seen in
    // worker logs: attempts 5 and 6 of one item, nothing else running). Usually 5-20 s, rarely over 120.
    this.timeout(300_000);
    const faults = { http500: 0.1, reset: 0.05, ambiguousCreate: { probability: 0.25, mode: 'drop' as const } };
    const h = await harness({
      simulator: { completion: { afterReads: 1 }, failNamesMatching: '^doomed-', faults, seed: 5 },
    });
    const good = Array.from({ length: 23 }, (_, i) => request('good', i));
    const doomed = Array.from({ length: 4 }, (_, i) => request('doomed', i));
    const invalid = [{ name: 'no-objectives' }, 'not an object', { generation_objectives: 'no name' }];
    const requests = [...good.slice(0, 10), ...doomed, invalid[0], ...good.slice(10), invalid[1], invalid[2]];
    const input = { requests, concurrency: 5, poll: FAST_POLL, continueAsNewAfterEvents: 120 } as CreateSpecsBatchInput;
    const batchId = `batch-${randomUUID()}`;
    const { result, peak, outcomes } = await h.run(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: batchId,
        args: [input],
      });
      const result = await handle.result();
      const peak = await peakOpenSpecWorkflows(
        world.env.client,
        [...good, ...doomed].map((r) => r.name),
      );
      const outcomes = [];
      // One result at a time: concurrent result() calls unbalance the time-skipping server's lock.
      for await (const outcome of getBatchOutcomes(world.env.client, batchId, result.total, 1)) outcomes.push(outcome);
      return { result, peak, outcomes };
    });
    assert.equal(result.total, 30);
    assert.equal(result.succeeded, 23);
    assert.equal(result.failed, 7);
    assert.equal(result.notStarted, 0);
    assert.ok(result.runs >= 2, `expected continue-as-new, got ${result.runs} run(s)`);
    assert.equal(Object.keys(result.specIds ?? {}).length, 23);
    const types = result.failures.map((f) => f.type).sort();
    assert.deepEqual(
      types,
      [...Array<string>(3).fill('InvalidInput'), ...Array<string>(4).fill('SpecGenerationFailed')].sort(),
    );
    assert.ok(peak <= 5, `peak ${peak} spec workflows open at once`);
    assert.ok(peak >= 4, `peak ${peak}: the window was never used`);
    const counters = h.simulator.counters();
    assert.ok(
      counters.faults.ambiguousCreate + counters.faults.http500 + counters.faults.reset >= 3,
      JSON.stringify(counters.faults),
    );
    for (const r of [...good, ...doomed]) assert.equal(counters.createdByName[r.name], 1, r.name);
    assert.equal(counters.specsTotal, 27);
    assert.equal(outcomes.length, 30);
    assert.deepEqual(
      outcomes.map((o) => o.index),
      [...Array(30).keys()],
    );
    assert.equal(outcomes[0]?.specId, result.specIds?.['0']);
    assert.equal(outcomes[14]?.failure?.type, 'InvalidInput');
  });

  it('startCreateSpecsBatch twice with the same input attaches to one batch: dataframer-batch/<hash>', async function () {
    const h = await harness({ simulator: { completion: { afterReads: 0 } } });
    const input: CreateSpecsBatchInput = { requests: [request('helper', 0), request('helper', 1)], poll: FAST_POLL };
    const { first, second, result } = await h.run(async () => {
      const first = await startCreateSpecsBatch(world.env.client, input, { taskQueue: h.taskQueue });
      const second = await startCreateSpecsBatch(world.env.client, input, { taskQueue: h.taskQueue });
      const result = await executeCreateSpecsBatch(world.env.client, input, { taskQueue: h.taskQueue });
      return { first, second, result };
    });
    assert.equal(first.workflowId, batchWorkflowId(input));
    assert.match(first.workflowId, /^dataframer-batch\/[0-9a-f]{32}$/);
    assert.equal(second.firstExecutionRunId, first.firstExecutionRunId);
    assert.equal(result.succeeded, 2);
    assert.equal(h.simulator.counters().specsTotal, 2);
  });

  it('stops on maxFailures, cancelling the items still running, and says why', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const slow = Array.from({ length: 8 }, (_, i) => request('slow', i));
    const bad = { name: 'bad-item' }; // no generation_objectives: fails at once with InvalidInput
    const requests = [slow[0], bad, bad, bad, ...slow.slice(1)];
    const input = { requests, concurrency: 3, maxFailures: 3, poll: FAST_POLL } as CreateSpecsBatchInput;
    const result = await h.run(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `batch-${randomUUID()}`,
        args: [input],
      });
      return handle.result();
    });
    assert.match(result.stopReason ?? '', /^maxFailures: 3 specs failed/);
    assert.equal(result.failed, 3);
    assert.ok(result.cancelled >= 1, `cancelled ${result.cancelled}`);
    assert.equal(result.succeeded, 0);
    assert.ok(result.notStarted >= 4, `notStarted ${result.notStarted}`);
    assert.equal(result.failed + result.cancelled + result.notStarted, requests.length);
    const first = await world.env.client.workflow.getHandle(specWorkflowId(slow[0]!)).describe();
    assert.equal(first.status.name, 'CANCELLED');
  });

  it('cancelling the batch cancels its running specs (onCancel applies)', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const requests = Array.from({ length: 10 }, (_, i) => request('cancel', i));
    const input: CreateSpecsBatchInput = { requests, concurrency: 4, poll: FAST_POLL, onCancel: 'delete' };
    const cause = await h.run(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `batch-${randomUUID()}`,
        args: [input],
      });
      await waitForBatch(handle, (p) => p.running === 4);
      for (;;) {
        if (h.simulator.counters().specsTotal === 4) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await handle.cancel();
      const err = await rejectionOf(handle.result());
      assert.ok(err instanceof WorkflowFailedError);
      return err.cause;
    });
    assert.ok(cause instanceof CancelledFailure, `got ${String(cause)}`);
    const counters = h.simulator.counters();
    assert.equal(counters.specsTotal, 4, 'no spec started after the cancellation');
    assert.equal(counters.requests.delete, 4);
    for (const r of requests.slice(0, 4)) {
      const description = await world.env.client.workflow.getHandle(specWorkflowId(r)).describe();
      assert.equal(description.status.name, 'CANCELLED', r.name);
    }
  });

  it('widens and narrows its window on setBatchConcurrency, ignoring values out of range', async function () {
    const h = await harness({ simulator: { completion: { manual: true } } });
    const requests = Array.from({ length: 8 }, (_, i) => request('window', i));
    const input: CreateSpecsBatchInput = { requests, concurrency: 2, poll: FAST_POLL };
    const result = await h.run(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `batch-${randomUUID()}`,
        args: [input],
      });
      await waitForBatch(handle, (p) => p.running === 2);
      await handle.signal(setBatchConcurrencySignal, 5000);
      await handle.signal(setBatchConcurrencySignal, 5);
      const widened = await waitForBatch(handle, (p) => p.running === 5);
      assert.deepEqual([widened.concurrency, widened.window, widened.pending], [5, 5, 3]);
      const timer = setInterval(() => {
        for (const name of Object.keys(h.simulator.counters().createdByName)) {
          try {
            h.simulator.control.complete(name);
          } catch {
            // already terminal
          }
        }
      }, 200);
      try {
        return await handle.result();
      } finally {
        clearInterval(timer);
      }
    });
    assert.equal(result.succeeded, 8);
  });

  it('narrows its window when DataFramer refuses creates with 429s, and the items wait instead of failing', async function () {
    const rateLimit = { probability: 1, retryAfter: { seconds: 1 } };
    const h = await harness({
      simulator: { completion: { afterReads: 1 }, faults: { rateLimit, endpoints: ['create'] } },
    });
    const requests = Array.from({ length: 6 }, (_, i) => request('throttled', i));
    const input: CreateSpecsBatchInput = { requests, concurrency: 4, poll: FAST_POLL };
    const { result, narrowed } = await h.run(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `batch-${randomUUID()}`,
        args: [input],
      });
      const narrowed = await waitForBatch(handle, (p) => p.window < 4, 60_000);
      h.simulator.control.setFaults({});
      return { result: await handle.result(), narrowed };
    });
    assert.ok(narrowed.window <= 2, `window ${narrowed.window}`);
    assert.equal(narrowed.failed, 0);
    assert.equal(result.succeeded, 6, JSON.stringify(result.failures));
    const counters = h.simulator.counters();
    for (const r of requests) assert.equal(counters.createdByName[r.name], 1, r.name);
  });

  // PENDING ON ISSUE 9: needs createSpecWorkflow's ifNameExists: 'adopt' (h9a). Until that merges the
  // items whose spec the terminated batch made fail with SpecNameConflictError, so the test is skipped
  // until the spec workflow or activities mention ifNameExists; it then runs by itself.
  (adoptImplemented() ? it : it.skip)(
    'terminated and started again with ifNameExists adopt: every spec once, every name succeeded',
    async function () {
      const h = await harness({ simulator: { completion: { manual: true } } });
      const requests = Array.from({ length: 12 }, (_, i) => request('restart', i));
      const input: CreateSpecsBatchInput = { requests, concurrency: 4, poll: FAST_POLL, ifNameExists: 'adopt' };
      const workflowId = `batch-${randomUUID()}`;
      const completeAll = () => {
        for (const name of Object.keys(h.simulator.counters().createdByName)) {
          try {
            h.simulator.control.complete(name);
          } catch {
            // already terminal
          }
        }
      };
      const result = await h.run(async () => {
        const start = () =>
          world.env.client.workflow.start(createSpecsBatchWorkflow, {
            taskQueue: h.taskQueue,
            workflowId,
            args: [input],
          });
        const first = await start();
        await waitForBatch(first, (p) => p.running === 4);
        while (h.simulator.counters().specsTotal < 4) await new Promise((resolve) => setTimeout(resolve, 100));
        h.simulator.control.complete(requests[0]!.name);
        h.simulator.control.complete(requests[1]!.name);
        await waitForBatch(first, (p) => p.succeeded === 2 && p.running === 4);
        await first.terminate('testing a restart');
        const second = await start();
        const timer = setInterval(completeAll, 200);
        try {
          return await second.result();
        } finally {
          clearInterval(timer);
        }
      });
      assert.equal(result.succeeded, 12, JSON.stringify(result.failures));
      const counters = h.simulator.counters();
      for (const r of requests) assert.equal(counters.createdByName[r.name], 1, r.name);
      assert.equal(counters.specsTotal, 12);
      const item0 = await world.env.client.workflow
        .getHandle<typeof createSpecsBatchItemWorkflow>(batchItemWorkflowId(workflowId, 0))
        .result();
      assert.equal(item0.status, 'SUCCEEDED');
    },
  );
});
