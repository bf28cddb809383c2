// Batch throughput and cost on a dev server, measured in one run (not a test: figures for docs/performance.md).
//
//   npm run bench:batch                          1,000-spec batch beside 1,000 empty workflows
//   npm run bench:batch -- --specs 10000 --no-ceiling
//
// The batch reads a JSONL file, its specs finish at their first status read (simulator, no faults),
// and the worker runs in this process: the RSS reported is this process's (worker, simulator, client).
// One spec started on its own is timed before the batch and again while the batch runs (same queue).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { createDevServerTestEnvironment } from '../src/testing/test-environments';
import { specWorkflowId } from '../src/common/constants';
import { createSpecWorkflow, createSpecsBatchWorkflow, getBatchProgressQuery } from '../src/workflows';
import { workflowRuns } from '../test/support/batch-runs';
import { bundleWorkflowsForTest } from '../test/support/workflow-bundle';
import type { emptyWorkflow } from './bench-workflows';

/** Options of {@link measureBatchThroughput}. */
export interface BatchBenchOptions {
  /** Specs in the batch (and empty workflows beside it). @default 1000 */
  specs?: number;
  /** The batch's concurrency, and how many empty workflows are started at once. @default 200 */
  concurrency?: number;
  /** Also time as many empty workflows on the same server (the ceiling). @default true */
  ceiling?: boolean;
}

async function emptyCeiling(client: Client, taskQueue: string, count: number, concurrency: number): Promise<number> {
  const startedAt = Date.now();
  const ids = Array.from({ length: count }, () => `empty-${randomUUID()}`);
  for (let first = 0; first < count; first += concurrency) {
    await Promise.all(
      ids
        .slice(first, first + concurrency)
        .map((workflowId) => client.workflow.start<typeof emptyWorkflow>('emptyWorkflow', { taskQueue, workflowId })),
    );
  }
  await Promise.all(ids.map((id) => client.workflow.getHandle(id).result()));
  return count / ((Date.now() - startedAt) / 1000);
}

/** Seconds from start to result of one spec started on its own (an interactive user's). */
async function singleSpecSeconds(client: Client, taskQueue: string, name: string): Promise<number> {
  const startedAt = Date.now();
  await client.workflow.execute(createSpecWorkflow, {
    taskQueue,
    workflowId: specWorkflowId({ name }),
    args: [{ request: { name, generation_objectives: 'Interactive' }, poll: { initialInterval: '100 milliseconds' } }],
  });
  return (Date.now() - startedAt) / 1000;
}

async function runBatch(client: Client, taskQueue: string, source: string, specs: number, concurrency: number) {
  const workflowId = `bench-batch-${randomUUID().slice(0, 8)}`;
  const startedAt = Date.now();
  const handle = await client.workflow.start(createSpecsBatchWorkflow, {
    taskQueue,
    workflowId,
    args: [{ source: { path: source }, concurrency, poll: { initialInterval: '100 milliseconds' } }],
  });
  let largestQueryBytes = 0;
  let interactive: Promise<number> | undefined;
  let sampling: Promise<unknown> = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = handle.query(getBatchProgressQuery).then(
      (progress) => {
        largestQueryBytes = Math.max(largestQueryBytes, JSON.stringify(progress).length);
        // An interactive spec, started once a fifth of the batch is done, on the same task queue.
        if (interactive === undefined && progress.succeeded >= specs / 5) {
          interactive = singleSpecSeconds(client, taskQueue, `interactive-during-${workflowId}`);
        }
      },
      () => undefined,
    );
  }, 2_000);
  try {
    const result = await handle.result();
    const wallS = (Date.now() - startedAt) / 1000;
    return { workflowId, result, wallS, largestQueryBytes, interactiveS: await interactive };
  } finally {
    clearInterval(sampler);
    await sampling; // a query still in flight at teardown would throw on the closed connection
  }
}

/** The batch beside empty workflows, on a dev server of its own (`npm run bench` uses it). */
export async function measureBatchThroughput(options: BatchBenchOptions = {}) {
  const specs = options.specs ?? 1_000;
  const concurrency = options.concurrency ?? 200;
  const [env, bundle] = await Promise.all([
    createDevServerTestEnvironment(),
    bundleWorkflowsForTest(require.resolve('./bench-workflows')),
  ]);
  const simulator = await startSimulator({ completion: { afterReads: 0 } });
  const dataframer = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-batch-'));
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    const source = path.join(dir, 'requests.jsonl');
    const run = randomUUID().slice(0, 8);
    const lines = Array.from({ length: specs }, (_, i) =>
      JSON.stringify({ name: `bench-${run}-${i}`, generation_objectives: 'Short product reviews' }),
    );
    await writeFile(source, lines.join('\n'));
    const taskQueue = `bench-${run}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ client: dataframer }),
      maxConcurrentActivityTaskExecutions: 400,
    });
    return await worker.runUntil(async () => {
      const ceiling =
        options.ceiling === false ? undefined : await emptyCeiling(env.client, taskQueue, specs, concurrency);
      const aloneS = await singleSpecSeconds(env.client, taskQueue, `interactive-alone-${run}`);
      const batch = await runBatch(env.client, taskQueue, source, specs, concurrency);
      const runs = await workflowRuns(env.client, batch.workflowId);
      const items = [0, Math.floor(specs / 2), specs - 1].map((i) => `${batch.workflowId}/item-${i}`);
      const itemEvents = await Promise.all(
        items.map(async (id) => (await workflowRuns(env.client, id))[0]?.events ?? 0),
      );
      const specsPerS = specs / batch.wallS;
      const report = {
        specs,
        concurrency,
        succeeded: batch.result.succeeded,
        failed: batch.result.failed,
        createdInSimulator: simulator.counters().specsTotal,
        wallS: Number(batch.wallS.toFixed(1)),
        specsPerS: Number(specsPerS.toFixed(1)),
        emptyWorkflowsPerS: ceiling === undefined ? undefined : Number(ceiling.toFixed(1)),
        shareOfCeiling: ceiling === undefined ? undefined : `${((specsPerS / ceiling) * 100).toFixed(0)} %`,
        batchRuns: runs.length,
        largestBatchRunEvents: Math.max(...runs.map((r) => r.events)),
        largestItemEvents: Math.max(...itemEvents),
        largestContinueAsNewInputBytes: Math.max(...runs.map((r) => r.inputBytes)),
        resultBytes: runs[runs.length - 1]?.resultBytes,
        largestQueryAnswerBytes: batch.largestQueryBytes,
        interactiveSpecAloneS: Number(aloneS.toFixed(2)),
        interactiveSpecDuringBatchS:
          batch.interactiveS === undefined ? undefined : Number(batch.interactiveS.toFixed(2)),
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        loadAverage: (await import('node:os'))
          .loadavg()
          .map((n) => n.toFixed(1))
          .join(' '),
      };
      return report;
    });
  } finally {
    clearInterval(rssTimer);
    await dataframer.close();
    await simulator.close();
    await env.teardown();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      specs: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '200' },
      'no-ceiling': { type: 'boolean', default: false },
    },
  });
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const report = await measureBatchThroughput({
    specs: Number(args.specs),
    concurrency: Number(args.concurrency),
    ceiling: !args['no-ceiling'],
  });
  console.log(JSON.stringify(report, null, 2));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
