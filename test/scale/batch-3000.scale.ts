// npm run test:scale (not part of npm test): 3,000 specs from a JSONL source through one batch on the
// dev server, beyond Temporal's 2,000 pending children per run, with instant completion and the mild
// fault plan (500s, 502s, 429s, resets, ambiguous creates).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { DataFramerClient } from '../../src/dataframer';
import { FAULT_PROFILES, startSimulator } from '../../src/simulator';
import { createSpecsBatchWorkflow, getBatchProgressQuery } from '../../src/workflows';
import { workflowRuns } from '../support/batch-runs';
import { useTemporalWorld } from '../support/temporal-world';

// BATCH_SCALE_SPECS runs a smaller batch while developing; the scale test is 3,000.
const SPECS = Number(process.env.BATCH_SCALE_SPECS ?? 3000);
const MAX_EVENTS = 10_000;

describe('a batch of 3,000 specs on the dev server', function () {
  this.timeout(10 * 60_000);
  const world = useTemporalWorld('dev-server');

  it('ends with 3,000 specs, none created twice, no history over 10,000 events', async function () {
    const simulator = await startSimulator({ completion: { afterReads: 0 }, faults: FAULT_PROFILES.mild, seed: 42 });
    const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    const dir = await mkdtemp(path.join(tmpdir(), 'batch-scale-'));
    const source = path.join(dir, 'requests.jsonl');
    const run = randomUUID().slice(0, 8);
    const names = Array.from({ length: SPECS }, (_, i) => `scale-${run}-${i}`);
    await writeFile(
      source,
      names.map((name) => JSON.stringify({ name, generation_objectives: 'Short reviews' })).join('\n'),
    );
    const taskQueue = `scale-${run}`;
    const worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue,
      workflowBundle: world.bundle,
      activities: createActivities({ client }),
      maxConcurrentActivityTaskExecutions: 400,
    });
    const workflowId = `scale-batch-${run}`;
    const startedAt = Date.now();
    try {
      const { result, progress, wallS } = await worker.runUntil(async () => {
        const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
          taskQueue,
          workflowId,
          args: [{ source: { path: source }, concurrency: 200, poll: { initialInterval: '100 milliseconds' } }],
        });
        const result = await handle.result();
        const wallS = (Date.now() - startedAt) / 1000;
        return { result, wallS, progress: await handle.query(getBatchProgressQuery) };
      });
      const runs = await workflowRuns(world.env.client, workflowId);
      const counters = simulator.counters();
      const largest = Math.max(...runs.map((r) => r.events));
      console.log(
        `      ${SPECS} specs in ${wallS.toFixed(1)} s (${(SPECS / wallS).toFixed(1)} specs/s); ${runs.length} batch runs, ` +
          `largest ${largest} events; largest continue-as-new input ${Math.max(...runs.map((r) => r.inputBytes))} B, ` +
          `result ${runs[runs.length - 1]?.resultBytes} B, query ${JSON.stringify(progress).length} B; ` +
          `faults ${JSON.stringify(counters.faults)}`,
      );
      assert.equal(result.total, SPECS);
      assert.equal(result.succeeded, SPECS, JSON.stringify(result.failures.slice(0, 5)));
      if (SPECS > 1000) assert.equal(result.specIds, undefined, 'more than 1,000 items: counts only');
      assert.equal(counters.specsTotal, SPECS);
      for (const name of names) assert.equal(counters.createdByName[name], 1, name);
      assert.ok(largest <= MAX_EVENTS, `a batch run has ${largest} events`);
      if (SPECS > 1000) assert.ok(runs.length >= 2, 'continued as new');
      const sample = [0, Math.floor(SPECS / 2), SPECS - 1].map((i) => `${workflowId}/item-${i}`);
      for (const id of sample) {
        const [item] = await workflowRuns(world.env.client, id);
        assert.ok(item && item.events <= MAX_EVENTS);
      }
    } finally {
      await client.close();
      await simulator.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
