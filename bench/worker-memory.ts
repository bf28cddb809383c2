// Memory of one production worker process (`node dist/worker.js`) with thousands of specs waiting at
// once, for each workflow-cache size, and what a small cache costs when the specs wake (replays).
//
//   npm run bench:memory                                  5,000 waiting specs; SDK default, 500, 100, 0
//   npm run bench:memory -- --specs 2000 --cache 500,0
//
// Per cache size: a fresh worker process on its own task queue of one dev server; the specs are
// started through the client and all wait in their status-reading activity (the simulator keeps them
// PROCESSING); RSS is sampled from /proc/<pid>/status; then every spec is completed and the worker's
// CPU is measured until every workflow has closed: with a small cache each wake-up is a replay.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { specWorkflowId } from '../src/common/constants';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { startDevServer } from '../src/testing';
import { WORKER_ENVIRONMENT_VARIABLES } from '../src/worker/worker-environment';
import { WORKER_READY_MESSAGE } from '../src/worker/run-worker';
import type { createSpecWorkflow } from '../src/workflows';

const ROOT = path.resolve(__dirname, '..');
const WORKER_JS = path.join(ROOT, 'dist', 'worker.js');
const START_CONCURRENCY = 100;
const CLOCK_TICKS_PER_SECOND = 100;

/** One measured cache size. */
export interface MemoryRow {
  cacheLabel: string;
  maxCachedWorkflows: number;
  specs: number;
  idleRssMb: number;
  waitingRssMb: number;
  kbPerWaitingSpec: number;
  startSeconds: number;
  startCpuSeconds: number;
  wakeSeconds: number;
  wakeCpuSeconds: number;
  wakePeakRssMb: number;
}

/** The SDK's own default cache size for a worker in this machine's default heap (its formula, reuseV8Context on). */
export function sdkDefaultMaxCachedWorkflows(): number {
  const heapMiB = Number(
    execFileSync(process.execPath, ['-p', 'require("v8").getHeapStatistics().heap_size_limit / 1048576']),
  );
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startWorker(env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
  const child = spawn(process.execPath, [WORKER_JS], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-10_000)));
  child.stderr.on('data', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let waited = 0; !stdout.includes(WORKER_READY_MESSAGE); waited += 50) {
    if (child.exitCode !== null || waited > 60_000) throw new Error(`worker did not start: ${stdout}`);
    await sleep(50);
  }
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(35_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let first = 0; first < items.length; first += size)
    await Promise.all(items.slice(first, first + size).map(work));
}

/** Waits until every workflow has a pending activity (the waiting one) or `timeoutMs` passes. */
async function waitAllWaiting(client: Client, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = ids;
  while (pending.length > 0) {
    if (Date.now() > deadline) throw new Error(`${pending.length} specs never reached their waiting activity`);
    const still: string[] = [];
    await inBatches(pending, 50, async (id) => {
      const described = await client.workflow.getHandle(id).describe();
      if ((described.raw.pendingActivities ?? []).length === 0) still.push(id);
    });
    pending = still;
    if (pending.length > 0) await sleep(2_000);
  }
}

async function measureOne(
  client: Client,
  address: string,
  sim: RunningSimulator,
  cacheLabel: string,
  maxCachedWorkflows: number,
  specs: number,
  log: (line: string) => void,
): Promise<MemoryRow> {
  const taskQueue = `bench-memory-${maxCachedWorkflows}-${Date.now()}`;
  const worker = await startWorker({
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATAFRAMER_API_KEY: sim.apiKey,
    DATAFRAMER_BASE_URL: sim.url,
    DATAFRAMER_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows),
  });
  try {
    await sleep(3_000);
    const idleRssMb = rssMb(worker.pid);
    const cpuAtStart = cpuSeconds(worker.pid);
    const startedAt = Date.now();
    const names = Array.from({ length: specs }, (_, i) => `${taskQueue}-${i}`);
    const ids = names.map((name) => specWorkflowId({ name }));
    await inBatches(names, START_CONCURRENCY, (name) =>
      client.workflow.start<typeof createSpecWorkflow>('createSpecWorkflow', {
        taskQueue,
        workflowId: specWorkflowId({ name }),
        args: [{ request: { name, generation_objectives: 'Memory bench' } }],
      }),
    );
    await waitAllWaiting(client, ids, 15 * 60_000);
    const startSeconds = (Date.now() - startedAt) / 1000;
    const startCpuSeconds = cpuSeconds(worker.pid) - cpuAtStart;
    log(`  cache ${cacheLabel}: ${specs} specs waiting after ${startSeconds.toFixed(0)} s`);
    let waitingRssMb = 0;
    for (let sample = 0; sample < 5; sample += 1) {
      waitingRssMb = Math.max(waitingRssMb, rssMb(worker.pid));
      await sleep(1_000);
    }
    const cpuBeforeWake = cpuSeconds(worker.pid);
    const wakeStartedAt = Date.now();
    for (const spec of sim.specs()) if (names.includes(String(spec.name))) sim.control.complete(String(spec.id));
    let wakePeakRssMb = 0;
    const running = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`;
    while ((await client.workflow.count(running)).count > 0) {
      wakePeakRssMb = Math.max(wakePeakRssMb, rssMb(worker.pid));
      if (Date.now() - wakeStartedAt > 10 * 60_000) throw new Error('specs still running 10 minutes after completion');
      await sleep(1_000);
    }
    return {
      cacheLabel,
      maxCachedWorkflows,
      specs,
      idleRssMb,
      waitingRssMb,
      kbPerWaitingSpec: ((waitingRssMb - idleRssMb) * 1024) / specs,
      startSeconds,
      startCpuSeconds,
      wakeSeconds: (Date.now() - wakeStartedAt) / 1000,
      wakeCpuSeconds: cpuSeconds(worker.pid) - cpuBeforeWake,
      wakePeakRssMb,
    };
  } finally {
    await worker.stop();
  }
}

/** Options of {@link measureWorkerMemory}. */
export interface WorkerMemoryOptions {
  /** Specs waiting at once. @default 5000 */
  specs?: number;
  /** Cache sizes; `undefined` is the SDK's default. @default [undefined, 500, 100, 0] */
  cacheSizes?: (number | undefined)[];
  log?: (line: string) => void;
}

/** Runs the measurement on a dev server of its own; needs `npm run build` first (it runs `dist/worker.js`). */
export async function measureWorkerMemory(options: WorkerMemoryOptions = {}): Promise<MemoryRow[]> {
  if (!existsSync(WORKER_JS)) throw new Error(`${WORKER_JS} is missing: run npm run build first`);
  const log = options.log ?? console.log;
  const specs = options.specs ?? 5_000;
  const server = await startDevServer();
  // Slow completion: no spec ends until the bench completes it, so every one keeps waiting.
  const sim = await startSimulator({ completion: { manual: true } });
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection });
    const rows: MemoryRow[] = [];
    for (const size of options.cacheSizes ?? [undefined, 500, 100, 0]) {
      const value = size ?? sdkDefaultMaxCachedWorkflows();
      rows.push(
        await measureOne(
          client,
          server.address,
          sim,
          size === undefined ? `SDK default (${value})` : String(size),
          value,
          specs,
          log,
        ),
      );
    }
    return rows;
  } finally {
    await connection.close();
    await sim.close();
    await server.stop();
  }
}

/** The rows as a Markdown table. */
export function memoryTable(rows: readonly MemoryRow[]): string {
  const lines = [
    '| maxCachedWorkflows | waiting specs | idle RSS | RSS, all waiting | per waiting spec | start: wall / worker CPU | wake-up (all complete): wall / worker CPU | peak RSS on wake-up |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.cacheLabel} | ${r.specs} | ${r.idleRssMb.toFixed(0)} MB | ${r.waitingRssMb.toFixed(0)} MB | ${r.kbPerWaitingSpec.toFixed(0)} KB | ` +
        `${r.startSeconds.toFixed(0)} s / ${r.startCpuSeconds.toFixed(1)} s | ${r.wakeSeconds.toFixed(0)} s / ${r.wakeCpuSeconds.toFixed(1)} s | ${r.wakePeakRssMb.toFixed(0)} MB |`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { specs: { type: 'string', default: '5000' }, cache: { type: 'string', default: 'default,500,100,0' } },
  });
  const cacheSizes = values.cache.split(',').map((c) => (c === 'default' ? undefined : Number(c)));
  void measureWorkerMemory({ specs: Number(values.specs), cacheSizes }).then(
    (rows) => console.log(`\n${memoryTable(rows)}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
