// `npm run chaos` (not part of `npm test`): a batch of specs driven through injected faults, worker
// SIGKILLs and a Temporal server restart, then checked. Loopback only; bounded in time and requests.
//
//   npm run chaos                 300 specs, 20 pipelines, 5 worker kills, 1 server restart (~5 min)
//   npm run chaos -- --specs 100 --pipelines 5
//
// The specs go through the batch workflow, the pipelines spec -> run -> evaluation. A dev server on
// a SQLite file, two `node dist/worker.js` processes on one task queue, the simulator faulting about
// 30 % of API requests (500, HTML 502, 429 in every Retry-After form, resets, slow answers, ambiguous
// creates of specs, runs and evaluations, an unknown status, a lagging list). Exits 1 if anything was
// lost, duplicated or leaked, or a bound was passed.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { startCreateSpecsBatch, startSpecPipeline } from '../src/client';
import { startSimulator } from '../src/simulator';
import { startDevServer } from '../src/testing';
import type { CreateSpecsBatchResult, SpecPipelineResult } from '../src/workflows';
import {
  checkJobs,
  checkSpecs,
  scanHistories,
  scanLines,
  secretForms,
  workflowsByStatus,
  type Check,
} from './chaos-checks';
import { RETRY_AFTER_FORMS, WorkerSlot, chaosFaultPlan } from './chaos-processes';

const { values: args } = parseArgs({
  options: {
    specs: { type: 'string', default: '300' },
    pipelines: { type: 'string', default: '20' },
    kills: { type: 'string', default: '5' },
  },
});
const SPECS = Number(args.specs);
const PIPELINES = Number(args.pipelines);
const KILLS = Number(args.kills);
const POLL = { initialInterval: '1 second', maximumInterval: '3 seconds' } as const;
/** The whole run is abandoned (exit 1) past this. */
const TIME_BOUND_MS = 10 * 60_000;
/** API requests allowed: faults and polling included, far above what 300 specs need (~15 each). */
const REQUEST_BOUND = SPECS * 60;
const KILL_EVERY_MS = 10_000;
const FAULT_ROTATE_MS = 4_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const startedAt = Date.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'dataframer-chaos-'));
  const dbFilename = path.join(dir, 'temporal.db');
  const apiKey = `sk_chaos_${randomBytes(12).toString('hex')}`;
  const databricksSecret = `dbx+chaos/${randomBytes(9).toString('base64')}=`;
  let server = await startDevServer({ dbFilename });
  const simulator = await startSimulator({
    apiKey,
    completion: { afterMs: 12_000 },
    faults: chaosFaultPlan(0),
    listLag: { afterMs: 2_000, afterListCalls: 1 },
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const taskQueue = `chaos-${randomBytes(4).toString('hex')}`;
  const env = {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATAFRAMER_API_KEY: apiKey,
    DATAFRAMER_BASE_URL: simulator.url,
    DATAFRAMER_DATABRICKS_CLIENT_SECRET: databricksSecret,
  };
  const workers = [new WorkerSlot('worker A', env), new WorkerSlot('worker B', env)];
  const rateLimitsByForm = new Map<string, number>();
  let serverRestarts = 0;
  try {
    await Promise.all(workers.map((w) => w.start()));
    // Every tenth spec on a Databricks model, so the worker adds the secret to its create body.
    const names = Array.from({ length: SPECS }, (_, i) => `chaos-${taskQueue}-${i}`);
    const requests = names.map((name, i) =>
      i % 10 === 0
        ? {
            name,
            generation_objectives: 'Chaos',
            spec_generation_model_name: 'databricks/databricks-claude-sonnet-4-6',
            databricks_client_id: 'chaos-client',
            databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
          }
        : { name, generation_objectives: 'Chaos' },
    );
    const handle = await startCreateSpecsBatch(
      client,
      { requests, concurrency: 60, poll: POLL },
      { taskQueue, name: taskQueue },
    );
    const pipelineNames = Array.from({ length: PIPELINES }, (_, i) => `chaos-${taskQueue}-pipeline-${i}`);
    const pipelines = await Promise.all(
      pipelineNames.map((name) =>
        startSpecPipeline(
          client,
          { spec: { name, generation_objectives: 'Chaos' }, run: { number_of_samples: 5 }, evaluation: {}, poll: POLL },
          { taskQueue, key: name },
        ),
      ),
    );
    console.log(`started ${SPECS} specs in batch ${handle.workflowId} and ${PIPELINES} pipelines on ${taskQueue}`);

    let step = 0;
    let lastRateLimits = 0;
    const rotator = setInterval(() => {
      const now = simulator.counters().faults.rateLimit;
      const form = RETRY_AFTER_FORMS[step % RETRY_AFTER_FORMS.length]!.label;
      rateLimitsByForm.set(form, (rateLimitsByForm.get(form) ?? 0) + now - lastRateLimits);
      lastRateLimits = now;
      step += 1;
      simulator.control.setFaults(chaosFaultPlan(step));
    }, FAULT_ROTATE_MS);

    let result: CreateSpecsBatchResult | undefined;
    const done = (async () => {
      for (;;) {
        if (Date.now() - startedAt > TIME_BOUND_MS) throw new Error(`not done within ${TIME_BOUND_MS / 60_000} min`);
        try {
          const status = (await handle.describe()).status.name;
          if (status === 'COMPLETED') return (result = await handle.result());
          if (status !== 'RUNNING') throw new Error(`batch ended ${status}`);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('batch ended')) throw err;
        }
        await sleep(2_000);
      }
    })();
    for (let kill = 0; kill < KILLS; kill += 1) {
      await sleep(KILL_EVERY_MS);
      const slot = workers[kill % 2]!;
      await slot.kill9();
      console.log(`${((Date.now() - startedAt) / 1000).toFixed(0)} s: SIGKILL ${slot.label} (kill ${kill + 1})`);
      if (kill === 2) {
        const port = server.port;
        await server.stop();
        await sleep(2_000);
        server = await startDevServer({ port, dbFilename });
        serverRestarts += 1;
        console.log(`${((Date.now() - startedAt) / 1000).toFixed(0)} s: Temporal server restarted (same SQLite file)`);
      }
      await slot.start();
    }
    await done;
    const pipelineResults: SpecPipelineResult[] = [];
    for (const pipeline of pipelines) pipelineResults.push(await pipeline.result());
    clearInterval(rotator);
    const form = RETRY_AFTER_FORMS[step % RETRY_AFTER_FORMS.length]!.label;
    rateLimitsByForm.set(
      form,
      (rateLimitsByForm.get(form) ?? 0) + simulator.counters().faults.rateLimit - lastRateLimits,
    );
    if (result === undefined) throw new Error('no batch result');
    return await verdict({
      client,
      simulator,
      taskQueue,
      names: [...names, ...pipelineNames],
      result,
      pipelineResults,
      workers,
      apiKey,
      databricksSecret,
      rateLimitsByForm,
      serverRestarts,
      startedAt,
    });
  } finally {
    await Promise.all(workers.map((w) => w.kill9()));
    await connection.close();
    await simulator.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function verdict(run: {
  client: Client;
  simulator: Awaited<ReturnType<typeof startSimulator>>;
  taskQueue: string;
  names: string[];
  result: CreateSpecsBatchResult;
  pipelineResults: SpecPipelineResult[];
  workers: WorkerSlot[];
  apiKey: string;
  databricksSecret: string;
  rateLimitsByForm: Map<string, number>;
  serverRestarts: number;
  startedAt: number;
}): Promise<number> {
  const counters = run.simulator.counters();
  const byStatus = await workflowsByStatus(run.client, run.taskQueue);
  const allRuns = [...byStatus.values()].flat();
  const notClosed =
    allRuns.length - (byStatus.get('COMPLETED')?.length ?? 0) - (byStatus.get('CONTINUED_AS_NEW')?.length ?? 0);
  const requests = Object.values(counters.requests).reduce((a, b) => a + b, 0) - counters.requests.control;
  const needles = [run.apiKey, run.databricksSecret];
  const historyHits = await scanHistories(run.client, allRuns, needles);
  const lines = run.workers.flatMap((w) => w.lines);
  const logHits = scanLines(lines, needles);
  // The scanner itself, on a line per form of each secret: it must find every one.
  const selfTest = needles.flatMap((needle) => secretForms(needle).map((form) => `x ${form} y`));
  const kills = run.workers.reduce((sum, w) => sum + w.kills, 0);
  const checks: Check[] = [
    {
      name: 'batch succeeded whole',
      ok: run.result.succeeded === SPECS && run.result.failed === 0 && run.result.cancelled === 0,
      detail: `${run.result.succeeded} succeeded, ${run.result.failed} failed, ${run.result.cancelled} cancelled, ${run.result.notStarted} not started`,
    },
    {
      name: 'every workflow closed as expected',
      ok: notClosed === 0,
      detail: [...byStatus].map(([status, ids]) => `${status} ${ids.length}`).join(', '),
    },
    ...checkSpecs(
      run.simulator,
      run.names,
      new Set([...Object.values(run.result.specIds ?? {}), ...run.pipelineResults.map((p) => p.specId)]),
    ),
    checkJobs(run.simulator, run.pipelineResults),
    {
      name: 'secrets scanner finds each form (self-test)',
      ok: scanLines(selfTest, needles) === selfTest.length,
      detail: `${selfTest.length} forms`,
    },
    {
      name: 'secrets in workflow histories',
      ok: historyHits === 0,
      detail: `${historyHits} hits in ${allRuns.length} histories`,
    },
    { name: 'secrets in worker log lines', ok: logHits === 0, detail: `${logHits} hits in ${lines.length} lines` },
    {
      name: 'worker SIGKILLs and server restarts',
      ok: kills >= KILLS && run.serverRestarts === 1,
      detail: `${kills} kills, ${run.serverRestarts} restart`,
    },
    {
      name: 'bounded',
      ok: requests <= REQUEST_BOUND,
      detail: `${requests} API requests (bound ${REQUEST_BOUND}), ${((Date.now() - run.startedAt) / 1000).toFixed(0)} s`,
    },
  ];
  console.log('\n| check | result | detail |\n| --- | --- | --- |');
  for (const c of checks) console.log(`| ${c.name} | ${c.ok ? 'ok' : 'FAILED'} | ${c.detail} |`);
  console.log('\n| fault injected (and survived) | count |\n| --- | --- |');
  for (const [kind, n] of Object.entries(counters.faults)) console.log(`| ${kind} | ${n} |`);
  for (const [form, n] of run.rateLimitsByForm) console.log(`| rateLimit, ${form} | ${n} |`);
  const faulted = Object.entries(counters.faults)
    .filter(([k]) => k !== 'slowMs')
    .reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `| lagging list (created specs listed only after 2 s and one list call) | ${counters.requests.list} list calls |`,
  );
  console.log(
    `\n${faulted} of ${requests} API requests faulted (${((faulted / requests) * 100).toFixed(0)} %, slow answers aside); responses by status: ${JSON.stringify(counters.responses)}`,
  );
  return checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
