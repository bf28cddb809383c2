import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../../src/activities';
import { DataFramerClient } from '../../../src/dataframer';
import { startSimulator } from '../../../src/simulator';
import { createSpecsBatchWorkflow } from '../../../src/workflows';
import { useTemporalWorld } from '../../support/temporal-world';
import { request } from './batch-support';

const RATE = 8;

describe('a batch under the task queue API rate (dev server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('dev-server');

  it(`keeps to the task queue rate of ${RATE} DataFramer calls a second (after a one-second burst), whatever its window`, async function () {
    const simulator = await startSimulator({ completion: { afterReads: 0 } });
    const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    const taskQueue = `batch-rate-${randomUUID()}`;
    const worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue,
      workflowBundle: world.bundle,
      activities: createActivities({ client }),
      maxTaskQueueActivitiesPerSecond: RATE, // what DATAFRAMER_API_REQUESTS_PER_SECOND sets
    });
    // 20 specs in a window of 20: 60 activity tasks (create, the waiting activity's two attempts), 40 calls.
    const requests = Array.from({ length: 20 }, (_, i) => request('rated', i));
    // Cumulative API calls (create + get), sampled every 50 ms while the batch runs.
    const samples: [ms: number, calls: number][] = [];
    const calls = () => {
      const { requests: r } = simulator.counters();
      return r.create + r.get + r.list + r.delete;
    };
    const sampler = setInterval(() => samples.push([Date.now(), calls()]), 50);
    try {
      const result = await worker.runUntil(
        world.env.client.workflow.execute(createSpecsBatchWorkflow, {
          taskQueue,
          workflowId: `batch-rate-${randomUUID()}`,
          args: [{ requests, concurrency: 20, poll: { initialInterval: '100 milliseconds' } }],
        }),
      );
      assert.equal(result.succeeded, 20);
    } finally {
      clearInterval(sampler);
      await client.close();
      await simulator.close();
    }
    samples.push([Date.now(), calls()]);
    let peak = 0;
    for (const [ms, count] of samples) {
      const before = samples.filter(([t]) => t <= ms - 1000).pop();
      peak = Math.max(peak, count - (before?.[1] ?? 0));
    }
    const total = calls();
    const first = samples.find(([, n]) => n > 0)?.[0] ?? 0;
    const last = samples.find(([, n]) => n === total)?.[0] ?? 0;
    const spanS = (last - first) / 1000;
    assert.ok(total >= 40, `only ${total} calls`);
    // The server's limiter is a token bucket: a burst of about one second's worth, then the rate.
    assert.ok(peak <= 2 * RATE, `${peak} DataFramer calls within one second (rate ${RATE}/s)`);
    assert.ok((total - RATE) / spanS <= RATE * 1.05, `${total} calls in ${spanS} s (rate ${RATE}/s)`);
  });
});
