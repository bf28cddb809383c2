// `npm run record-histories [-- --out <folder>] [--force] [--concurrency <n>] [--only <prefix>]`:
// records the replay fixtures of this version's workflow code, part of preparing every release.
// Starts a Temporal dev server, one DataFramer simulator and one worker per scenario
// (scripts/history-scenarios.ts: createSpecWorkflow, createRunWorkflow, createEvaluationWorkflow,
// specPipelineWorkflow and createSpecsBatchWorkflow), runs the scenarios a few at a time and writes
// each run's history, and each child's (a pipeline's spec child, a batch's items and their spec
// children), as the JSON that `temporal workflow show --output json` and the UI export give, plus an
// index.json saying what each file covers, under test/fixtures/histories/<package version>/
// (scripts/history-index.ts). `--only <prefix>` records only the scenarios whose names start with it
// and adds them to the folder, keeping the histories of every other scenario as they are: how a
// released version's folder gains the scenarios of a workflow it had but did not record.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { startDevServer } from '../src/testing';
import { fetchChain, troubledTasks } from './history-chains';
import { recordChildren } from './history-children';
import { readEntries, writeFixtures, type RecordedScenario } from './history-index';
import type { HistoryScenario, ScenarioOf, WorkflowKindName, WorkflowKindTypes } from './history-scenario';
import { HISTORY_SCENARIOS } from './history-scenarios';
import { WORKFLOW_KINDS, type WorkflowKind } from './history-workflow-kinds';
import { settleEach } from './settle-each';
import packageJson from '../package.json';

const root = resolve(__dirname, '..');

/**
 * Scenarios recorded at once. Most of a scenario's time is spent waiting, but each starts a worker,
 * and with every one at once on two cores workflow tasks took over 5 s and the 2 s deadline
 * scenarios ran out of time before they began to wait: a different path.
 */
const DEFAULT_CONCURRENCY = 8;

/** The dev server shared by every scenario. */
interface RecordingWorld {
  client: Client;
  connection: NativeConnection;
  workflowBundle: WorkflowBundleWithSourceMap;
}

async function waitForProgress<P>(handle: WorkflowHandle, query: string, done: (progress: P) => boolean): Promise<P> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const progress = await handle.query<P>(query);
      if (done(progress)) return progress;
    } catch (err) {
      // A run that just continued as new, or has not run its first task, cannot answer yet.
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`progress of ${handle.workflowId} never matched`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function record<K extends WorkflowKindName>(
  scenario: ScenarioOf<K>,
  { client, connection, workflowBundle }: RecordingWorld,
): Promise<RecordedScenario> {
  const kind = WORKFLOW_KINDS[scenario.workflow] as WorkflowKind<K>;
  const simulator = await startSimulator(scenario.simulator ?? { completion: { afterReads: 3 } });
  const dataframer = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
  const taskQueue = `record-${scenario.name}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ client: dataframer }),
  });
  try {
    return await worker.runUntil(async () => {
      const input = await kind.input(scenario, { simulator, dataframer });
      // From here the counters count what the workflow did, not the spec or run made for it above.
      simulator.control.resetCounters();
      scenario.prepare?.(simulator);
      const start = () =>
        client.workflow.start(kind.workflow, {
          taskQueue,
          workflowId: kind.workflowId(scenario.name),
          args: [input] as Parameters<WorkflowKindTypes[K]['workflow']>,
        }) as Promise<WorkflowHandle<WorkflowKindTypes[K]['workflow']>>;
      const started = await start();
      const query = kind.progressQuery ?? 'getProgress';
      const waitFor = (done: (progress: WorkflowKindTypes[K]['progress']) => boolean) =>
        waitForProgress(started, query, done);
      const restart = async () => {
        await started.terminate('record-histories: started again');
        return start();
      };
      const context = { handle: started, simulator, dataframer, client, waitFor, restart };
      const restarted = await scenario.drive(context);
      const handle = (restarted ?? started) as typeof started & { firstExecutionRunId: string };
      const chain = await fetchChain(client, handle.workflowId, handle.firstExecutionRunId);
      const allowed = kind.childIds(scenario, handle.workflowId);
      const children = await recordChildren(scenario.name, chain, client, allowed);
      if (chain.workflowType !== kind.workflow.name) {
        throw new Error(`${scenario.name}: recorded a ${chain.workflowType}, expected a ${kind.workflow.name}`);
      }
      const trouble = [chain, ...children.map((child) => child.chain)].flatMap(troubledTasks);
      if (trouble.length > 0) throw new Error(`${scenario.name}: ${trouble.join('; ')} (try a lower --concurrency)`);
      if (chain.status !== scenario.expectedStatus) {
        throw new Error(`${scenario.name}: ended ${chain.status}, expected ${scenario.expectedStatus}`);
      }
      if (scenario.capture === 'mid-wait') await client.workflow.getHandle(handle.workflowId).terminate('recorded');
      return { scenario, chain, children };
    });
  } finally {
    await dataframer.close();
    await simulator.close();
  }
}

/** Runs the scenarios, `concurrency` at a time, then writes the fixtures (none when any scenario failed). */
async function recordAll(
  outDir: string,
  world: RecordingWorld,
  { concurrency, scenarios, mode }: RecordingPlan,
): Promise<void> {
  const settled = await settleEach(scenarios, concurrency, async (scenario) => {
    const started = Date.now();
    const recorded = await record(scenario, world);
    const histories = [recorded.chain, ...recorded.children.map(({ chain }) => chain)].flatMap((c) => c.histories);
    const events = histories.map((history) => history.events?.length ?? 0).join('+');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`record-histories: ${scenario.name}: ${histories.length} histories (${events} events) in ${seconds} s`);
    return recorded;
  });
  const failures = settled.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [`${scenarios[i]?.name}: ${String(outcome.reason)}`] : [],
  );
  if (failures.length > 0) throw new Error(`record-histories: no fixture written:\n${failures.join('\n')}`);
  const recorded = settled.map((outcome) => (outcome as PromiseFulfilledResult<RecordedScenario>).value);
  const entries = writeFixtures(outDir, packageJson.version, recorded, mode);
  const byType = new Map<string, number>();
  for (const { workflowType } of entries) byType.set(workflowType, (byType.get(workflowType) ?? 0) + 1);
  const types = [...byType].map(([type, count]) => `${count} ${type}`).join(', ');
  console.log(`record-histories: ${recorded.length} scenarios, ${entries.length} histories (${types})`);
}

/** What to record, and how it joins the folder. */
interface RecordingPlan {
  concurrency: number;
  scenarios: readonly HistoryScenario[];
  mode: 'replace' | 'add';
}

/** The plan the arguments ask for, or why it cannot be followed. */
function planOf(
  values: { force?: boolean; concurrency?: string; only?: string },
  outDir: string,
): RecordingPlan | string {
  const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return `--concurrency must be a positive integer, not ${values.concurrency}`;
  }
  const entries = readEntries(outDir);
  if (values.only !== undefined) {
    const scenarios = HISTORY_SCENARIOS.filter(({ name }) => name.startsWith(values.only!));
    if (scenarios.length === 0) return `no scenario's name starts with ${values.only}`;
    // Adding must not quietly re-record a scenario the folder holds: that is what --force is for.
    const recorded = scenarios.filter(({ name }) => entries?.some(({ scenario }) => scenario === name));
    if (recorded.length > 0 && values.force !== true) {
      return `${outDir} already holds ${recorded.map(({ name }) => name).join(', ')}; pass --force to record them again`;
    }
    return { concurrency, scenarios, mode: 'add' };
  }
  // A released version's fixtures are what runs in users' clusters: re-recording them from later code
  // would make the replay test compare that code with itself. Bump the version first.
  if (entries !== undefined && values.force !== true) {
    return (
      `${outDir} already holds the fixtures of ${packageJson.version}; bump the package version before recording ` +
      'a release, add scenarios with --only <prefix>, or pass --force to replace them all'
    );
  }
  return { concurrency, scenarios: HISTORY_SCENARIOS, mode: 'replace' };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      force: { type: 'boolean' },
      concurrency: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const outDir = resolve(values.out ?? join(root, 'test/fixtures/histories', packageJson.version));
  const plan = planOf(values, outDir);
  if (typeof plan === 'string') {
    console.error(`record-histories: ${plan}`);
    process.exitCode = 2;
    return;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const started = Date.now();
  const [server, workflowBundle] = await Promise.all([
    startDevServer(),
    bundleWorkflowCode({ workflowsPath: require.resolve('../src/workflows'), logger: new DefaultLogger('WARN') }),
  ]);
  // The dev server is a child process that outlives a failed run unless stopped here, whatever failed.
  try {
    const connection = await Connection.connect({ address: server.address });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    try {
      const world = { client: new Client({ connection }), connection: nativeConnection, workflowBundle };
      await recordAll(outDir, world, plan);
    } finally {
      await Promise.allSettled([nativeConnection.close(), connection.close()]);
    }
  } finally {
    await server.stop();
  }
  console.log(`record-histories: ${outDir} written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
