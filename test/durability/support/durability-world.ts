import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { getProgressQuery } from '../../../src/workflows/definitions';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator';
import { startDevServer, type RunningDevServer } from '../../../src/testing/dev-server';
import type { createSpecWorkflow, PollingDesign } from '../../../src/workflows';
import { spawnWorker as spawnWorkerProcess, type WorkerProcess } from '../../support/worker-process';

/** Every polling design; each durability test runs once per design. */
const ALL_POLLING_DESIGNS: readonly PollingDesign[] = ['activity-retry', 'timer-activity', 'timer-local-activity'];

/**
 * The designs each durability scenario runs for: the default one in `npm test`, all three with
 * DURABILITY_ALL_DESIGNS=1 (`npm run test:durability`), or those DURABILITY_DESIGNS lists
 * (comma-separated: CI runs the two that `npm test` did not).
 */
export const POLLING_DESIGNS: readonly PollingDesign[] = designsFromEnv();

function designsFromEnv(): readonly PollingDesign[] {
  const listed = process.env.DURABILITY_DESIGNS;
  if (listed !== undefined && listed.trim() !== '') {
    const designs = listed.split(',').map((design) => design.trim());
    const unknown = designs.filter((design) => !ALL_POLLING_DESIGNS.includes(design as PollingDesign));
    if (unknown.length > 0) throw new Error(`DURABILITY_DESIGNS: unknown polling design ${unknown.join(', ')}`);
    return designs as PollingDesign[];
  }
  return process.env.DURABILITY_ALL_DESIGNS === '1' ? ALL_POLLING_DESIGNS : ['activity-retry'];
}

/** Fast polling for tests: a read 0.5 s after creation, then one a second. */
export const FAST_POLL = { initialInterval: '500 ms', maximumInterval: '1 second', jitter: 0 } as const;

/** A dev server on a SQLite file, a simulator, a client, and worker processes on one task queue. */
export interface DurabilityWorld {
  server: RunningDevServer;
  simulator: RunningSimulator;
  client: Client;
  taskQueue: string;
  /** Starts a worker process on this world's task queue, server and simulator (not yet polling). */
  spawnWorker(): WorkerProcess;
  /** Starts createSpecWorkflow by name with a unique workflow id. */
  start(name: string, pollingDesign: PollingDesign): Promise<WorkflowHandle<typeof createSpecWorkflow>>;
  /**
   * Resolves once the workflow is waiting and the simulator has answered `reads` status reads. (The
   * progress query's `reads` of the activity-retry design only moves when its waiting activity ends,
   * so the simulator's count says when polling is under way.)
   */
  untilPolling(handle: WorkflowHandle, reads: number): Promise<void>;
  /** Status reads (GETs of a spec) the simulator has received so far. */
  reads(): number;
  /** Stops the dev server, waits `downMs`, and starts it again on the same port and SQLite file. */
  restartServer(downMs: number): Promise<void>;
  /** Kills every worker process, then stops the server and the simulator and removes the SQLite file. */
  close(): Promise<void>;
}

/** Builds a world; the caller closes it (also when a test fails). */
export async function startDurabilityWorld(simulatorOptions: SimulatorOptions): Promise<DurabilityWorld> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dataframer-durability-'));
  const dbFilename = path.join(dir, 'temporal.db');
  let server = await startFreshDevServer(dbFilename);
  let simulator: RunningSimulator | undefined;
  let connection: Connection;
  try {
    simulator = await startSimulator(simulatorOptions);
    // The client's connection outlives server restarts: gRPC reconnects to the same address by itself.
    connection = await Connection.connect({ address: server.address });
  } catch (err) {
    await Promise.all([server.stop(), simulator?.close()]);
    throw err;
  }
  const client = new Client({ connection });
  const taskQueue = `durability-${randomUUID()}`;
  const workers: WorkerProcess[] = [];
  const env = {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    DATAFRAMER_API_KEY: simulator.apiKey,
    DATAFRAMER_BASE_URL: simulator.url,
  };
  return {
    get server() {
      return server;
    },
    simulator,
    client,
    taskQueue,
    spawnWorker() {
      const worker = spawnWorkerProcess(env);
      workers.push(worker);
      return worker;
    },
    start: (name, pollingDesign) =>
      client.workflow.start<typeof createSpecWorkflow>('createSpecWorkflow', {
        taskQueue,
        workflowId: `durability-${randomUUID()}`,
        args: [{ request: seedlessRequest(name), poll: FAST_POLL, pollingDesign }],
        // A stuck workflow ends with the test rather than living on in the SQLite file.
        workflowExecutionTimeout: '5 minutes',
      }),
    async untilPolling(handle, reads) {
      const polling = async () =>
        (await handle.query(getProgressQuery)).phase === 'waiting' && simulator.counters().requests.get >= reads;
      await waitFor(
        `the workflow waiting after ${reads} status reads`,
        async () => (await polling()) || undefined,
        30_000,
      );
    },
    reads: () => simulator.counters().requests.get,
    async restartServer(downMs) {
      const port = server.port;
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await startDevServer({ port, dbFilename });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.kill9()));
      await connection.close();
      await Promise.all([server.stop(), simulator.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A dev server on a new free port. `findFreePort` and the CLI's own random internal ports can race
 * with other servers starting on this machine (the CLI then exits with code 2): such a start is
 * retried on another port. Restarts keep their port and are not retried.
 */
async function startFreshDevServer(dbFilename: string, attempts = 3): Promise<RunningDevServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDevServer({ dbFilename });
    } catch (err) {
      if (attempt >= attempts) throw err;
      await rm(dbFilename, { force: true });
    }
  }
}

/** A seedless create request for `name`. */
export function seedlessRequest(name: string) {
  return { name, generation_objectives: 'Realistic product reviews of varied sentiment' };
}

/** A unique spec name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

/** Polls `probe` every 100 ms until it returns a value other than undefined; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `describe` for a scenario that runs on the default design only (runs, pipelines): skipped when
 * DURABILITY_DESIGNS leaves the default out, as CI's run of the other two designs does.
 */
export const describeOnDefaultDesign: Mocha.SuiteFunction | Mocha.PendingSuiteFunction = POLLING_DESIGNS.includes(
  'activity-retry',
)
  ? describe
  : describe.skip;
