// `npm run record-histories [-- --out <folder>] [--force] [--concurrency <n>] [--only <name,...>]`: records the replay
// fixtures of this version's workflow code, part of preparing every release. Starts a Temporal dev
// server, one DataFramer simulator and one worker per scenario (scripts/history-scenarios.ts:
// createSpecWorkflow, createRunWorkflow, createEvaluationWorkflow and specPipelineWorkflow), runs the
// scenarios a few at a time and writes each run's history, and each child's (a pipeline's spec
// child), as the JSON that `temporal workflow show --output json` and the UI export give, plus an
// index.json saying what each file covers, under test/fixtures/histories/<package version>/
// (scripts/history-index.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { startDevServer } from '../src/testing';
import { childExecutionsOf, fetchChain, troubledTasks, type ChildExecution } from './history-chains';
import { writeFixtures, type RecordedScenario } from './history-index';
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

async function waitForProgress<P>(handle: WorkflowHandle, done: (progress: P) => boolean): Promise<P> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      // Every workflow of the package names its progress query `getProgress`.
      const progress = await handle.query<P>('getProgress');
      if (done(progress)) return progress;
    } catch (err) {
      // A run that just continued as new, or has not run its first task, cannot answer yet.
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`progress of ${handle.workflowId} never matched`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `spec-child` for a createSpecWorkflow child (`spec-child-2`, ... when there are several). */
function childLabel(child: ChildExecution, index: number, count: number): string {
  const kind = Object.entries(WORKFLOW_KINDS).find(([, { workflow }]) => workflow.name === child.workflowType);
  const label = `${kind?.[0] ?? child.workflowType}-child`;
  return count === 1 ? label : `${label}-${index + 1}`;
}

/** The children the chain started, checked against those its kind must start, each with its own chain. */
async function recordChildren(
  scenario: ScenarioOf<WorkflowKindName>,
  expectedIds: string[],
  histories: RecordedScenario['chain']['histories'],
  client: Client,
): Promise<RecordedScenario['children']> {
  const children = childExecutionsOf(histories);
  const ids = children.map(({ workflowId }) => workflowId);
  if (JSON.stringify([...ids].sort()) !== JSON.stringify([...expectedIds].sort())) {
    throw new Error(
      `${scenario.name}: started children ${JSON.stringify(ids)}, expected ${JSON.stringify(expectedIds)}`,
    );
  }
  return Promise.all(
    children.map(async (child, index) => ({
      label: childLabel(child, index, children.length),
      chain: await fetchChain(client, child.workflowId, child.runId),
    })),
  );
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
      const handle = (await client.workflow.start(kind.workflow, {
        taskQueue,
        workflowId: kind.workflowId(scenario.name),
        args: [input] as Parameters<WorkflowKindTypes[K]['workflow']>,
      })) as WorkflowHandle<WorkflowKindTypes[K]['workflow']> & { firstExecutionRunId: string };
      const waitFor = (done: (progress: WorkflowKindTypes[K]['progress']) => boolean) => waitForProgress(handle, done);
      await scenario.drive({ handle, simulator, dataframer, client, waitFor });
      const chain = await fetchChain(client, handle.workflowId, handle.firstExecutionRunId);
      const children = await recordChildren(scenario, kind.childIds(input), chain.histories, client);
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

/** Runs every scenario, `concurrency` at a time, then writes the fixtures (none when any scenario failed). */
async function recordAll(
  outDir: string,
  world: RecordingWorld,
  concurrency: number,
  scenarios: readonly HistoryScenario[],
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
  const entries = writeFixtures(outDir, packageJson.version, recorded);
  const byType = new Map<string, number>();
  for (const { workflowType } of entries) byType.set(workflowType, (byType.get(workflowType) ?? 0) + 1);
  const types = [...byType].map(([type, count]) => `${count} ${type}`).join(', ');
  console.log(`record-histories: ${recorded.length} scenarios, ${entries.length} histories (${types})`);
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
  const concurrency = Number(values.concurrency ?? DEFAULT_CONCURRENCY);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`record-histories: --concurrency must be a positive integer, not ${values.concurrency}`);
    process.exitCode = 2;
    return;
  }
  // --only records some scenarios (a new one, say) into a folder of their own, never over a version's.
  const only = values.only?.split(',');
  const scenarios = only === undefined ? HISTORY_SCENARIOS : HISTORY_SCENARIOS.filter((s) => only.includes(s.name));
  if (only !== undefined && (values.out === undefined || scenarios.length !== only.length)) {
    console.error('record-histories: --only takes scenario names (comma-separated) and needs --out');
    process.exitCode = 2;
    return;
  }
  const outDir = resolve(values.out ?? join(root, 'test/fixtures/histories', packageJson.version));
  // A released version's fixtures are what runs in users' clusters: re-recording them from later code
  // would make the replay test compare that code with itself. Bump the version first.
  if (existsSync(join(outDir, 'index.json')) && values.force !== true) {
    console.error(
      `record-histories: ${outDir} already holds the fixtures of ${packageJson.version}; bump the package version ` +
        'before recording a release, or pass --force to replace them',
    );
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
      await recordAll(outDir, world, concurrency, scenarios);
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
