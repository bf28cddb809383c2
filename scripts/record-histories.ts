// `npm run record-histories [-- --out <folder>] [--force]`: records the replay fixtures of this version's workflow
// code, part of preparing every release. Starts a Temporal dev server, one DataFramer simulator and one
// worker per scenario (scripts/history-scenarios.ts), runs every scenario at once and writes each run's
// history as the JSON that `temporal workflow show --output json` and the UI export give, plus an
// index.json saying what each file covers, under test/fixtures/histories/<package version>/.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { specWorkflowId } from '../src/common/constants';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { startDevServer } from '../src/testing';
import { createSpecWorkflow, getProgressQuery, type CreateSpecProgress } from '../src/workflows';
import { HISTORY_SCENARIOS, type HistoryScenario } from './history-scenarios';
import packageJson from '../package.json';

const root = resolve(__dirname, '..');

/** One entry of index.json. */
interface FixtureEntry {
  file: string;
  scenario: string;
  covers: string;
  capture: HistoryScenario['capture'];
  /** 1-based run of the workflow's continue-as-new chain, and how many runs the chain had when fetched. */
  run: number;
  runs: number;
  events: number;
}

async function waitForProgress(
  handle: WorkflowHandle<typeof createSpecWorkflow>,
  done: (progress: CreateSpecProgress) => boolean,
): Promise<CreateSpecProgress> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const progress = await handle.query(getProgressQuery);
      if (done(progress)) return progress;
    } catch (err) {
      // A run that just continued as new, or has not run its first task, cannot answer yet.
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`progress of ${handle.workflowId} never matched`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every run of a continue-as-new chain, oldest first, following each run's last event. */
async function fetchRunHistories(client: Client, workflowId: string, firstRunId: string): Promise<History[]> {
  const histories: History[] = [];
  for (let runId: string | undefined = firstRunId; runId !== undefined;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    histories.push(history);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return histories;
}

async function record(
  scenario: HistoryScenario,
  client: Client,
  connection: NativeConnection,
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<History[]> {
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
      scenario.prepare?.(simulator);
      const request = { name: `history-${scenario.name}`, generation_objectives: 'Product reviews of varied tone' };
      const handle = await client.workflow.start(createSpecWorkflow, {
        taskQueue,
        workflowId: specWorkflowId(request),
        args: [{ ...scenario.input, request }],
      });
      await scenario.drive({ handle, simulator, waitFor: (done) => waitForProgress(handle, done) });
      const histories = await fetchRunHistories(client, handle.workflowId, handle.firstExecutionRunId);
      const status = (await client.workflow.getHandle(handle.workflowId).describe()).status.name;
      if (status !== scenario.expectedStatus) {
        throw new Error(`${scenario.name}: ended ${status}, expected ${scenario.expectedStatus}`);
      }
      if (scenario.capture === 'mid-wait') await client.workflow.getHandle(handle.workflowId).terminate('recorded');
      return histories;
    });
  } finally {
    await dataframer.close();
    await simulator.close();
  }
}

function writeFixtures(outDir: string, recorded: { scenario: HistoryScenario; histories: History[] }[]): void {
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith('.json')) rmSync(join(outDir, file));
  const entries: FixtureEntry[] = [];
  for (const { scenario, histories } of recorded) {
    histories.forEach((history, index) => {
      const file = histories.length === 1 ? `${scenario.name}.json` : `${scenario.name}.run-${index + 1}.json`;
      writeFileSync(join(outDir, file), `${historyToJSON(history)}\n`);
      const { name, covers } = scenario;
      // Only a chain's last run can have been caught waiting: the runs before it continued as new.
      const capture = index === histories.length - 1 ? scenario.capture : 'complete';
      const events = history.events?.length ?? 0;
      entries.push({ file, scenario: name, covers, capture, run: index + 1, runs: histories.length, events });
    });
  }
  const index = {
    version: packageJson.version,
    about:
      'Histories of createSpecWorkflow recorded by `npm run record-histories` from this version; ' +
      'test/upgrade/replay-fixtures.test.ts replays every one on the current code. "mid-wait" histories ' +
      'were fetched while the workflow still waited (as an upgraded worker finds them), then terminated.',
    fixtures: entries,
  };
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

/** Runs every scenario at once, then writes the fixtures (none when any scenario failed). */
async function recordAll(
  outDir: string,
  client: Client,
  connection: NativeConnection,
  workflowBundle: WorkflowBundleWithSourceMap,
): Promise<void> {
  const settled = await Promise.allSettled(
    HISTORY_SCENARIOS.map((scenario) => record(scenario, client, connection, workflowBundle)),
  );
  const failures = settled.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [`${HISTORY_SCENARIOS[i]?.name}: ${String(outcome.reason)}`] : [],
  );
  if (failures.length > 0) throw new Error(`record-histories: no fixture written:\n${failures.join('\n')}`);
  const recorded = settled.map((outcome, i) => ({
    scenario: HISTORY_SCENARIOS[i]!,
    histories: (outcome as PromiseFulfilledResult<History[]>).value,
  }));
  writeFixtures(outDir, recorded);
  const files = recorded.reduce((sum, { histories }) => sum + histories.length, 0);
  console.log(`record-histories: ${recorded.length} scenarios, ${files} histories`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean' } } });
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
      await recordAll(outDir, new Client({ connection }), nativeConnection, workflowBundle);
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
