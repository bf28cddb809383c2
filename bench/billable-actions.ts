// Billable actions per status read for each polling design, measured on the dev server's own `action`
// metric (the counter Temporal Cloud bills by), in one run.
//
//   npm run bench:actions            (a 3-hour and a 1-hour generation per design, at the default schedule)
//
// Each case runs createSpecWorkflow in a namespace of its own on one dev server, against a simulator
// whose spec finishes after as many reads as the default schedule makes in that time (mean jitter).
// The schedule runs SPEEDUP times faster: the count of actions depends on the number of reads, the
// activities' retry policies and continue-as-new, not on how long a wait lasts. The `action` counter
// is labelled by namespace and action type; the table sums each case's namespace.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { DEFAULT_POLL_SCHEDULE, readsToCover, resolvePollSchedule } from '../src/common/poll-schedule';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { findFreePort, startDevServer } from '../src/testing/dev-server';
import { createSpecWorkflow, type PollingDesign } from '../src/workflows';
import { bundleWorkflowsForTest } from '../test/support/workflow-bundle';

const HOUR_MS = 3_600_000;
/** 10 s doubling to 60 s becomes 50 ms doubling to 300 ms: still far above a loopback read. */
const SPEEDUP = 200;

interface BenchCase {
  design: PollingDesign;
  hours: number;
  /** Lower than the default 2000, to show what a continue-as-new costs. */
  continueAsNewAfterReads?: number;
}

const CASES: BenchCase[] = [
  { design: 'activity-retry', hours: 3 },
  { design: 'activity-retry', hours: 3, continueAsNewAfterReads: 60 },
  { design: 'timer-activity', hours: 3 },
  { design: 'timer-local-activity', hours: 3 },
  { design: 'activity-retry', hours: 1 },
  { design: 'timer-activity', hours: 1 },
  { design: 'timer-local-activity', hours: 1 },
];

const scaled = (ms: number) => ms / SPEEDUP;
const FAST_SCHEDULE = {
  initialInterval: scaled(resolvePollSchedule().initialIntervalMs),
  backoffCoefficient: DEFAULT_POLL_SCHEDULE.backoffCoefficient,
  maximumInterval: scaled(resolvePollSchedule().maximumIntervalMs),
  jitter: DEFAULT_POLL_SCHEDULE.jitter,
};

/** Sums Prometheus `action` samples by action type, for one namespace. */
function actionsByType(metricsText: string, namespace: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of metricsText.split('\n')) {
    const match = /^action\{(?<labels>[^}]*)\} (?<value>\S+)$/.exec(line);
    if (match?.groups === undefined) continue;
    const labels = new Map<string, string>();
    for (const [, key, value] of match.groups.labels!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels.set(key!, value!);
    if (labels.get('namespace') !== namespace) continue;
    const type = labels.get('action_type') ?? '?';
    totals.set(type, (totals.get(type) ?? 0) + Number(match.groups.value));
  }
  return totals;
}

async function runCase(
  address: string,
  bundle: WorkflowBundleWithSourceMap,
  namespace: string,
  { design, hours, continueAsNewAfterReads }: BenchCase,
) {
  const simulator = await startSimulator({
    completion: { afterReads: readsToCover(resolvePollSchedule(), hours * HOUR_MS, 0.5) },
  });
  const dataframer = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
  const [nativeConnection, connection] = await Promise.all([
    NativeConnection.connect({ address }),
    Connection.connect({ address }),
  ]);
  const taskQueue = `bench-${randomUUID()}`;
  try {
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ client: dataframer }),
    });
    const client = new Client({ connection, namespace });
    const input = { request: { name: taskQueue, generation_objectives: 'bench' }, pollingDesign: design };
    const handle = await client.workflow.start(createSpecWorkflow, {
      taskQueue,
      workflowId: taskQueue,
      args: [{ ...input, poll: FAST_SCHEDULE, ...(continueAsNewAfterReads ? { continueAsNewAfterReads } : {}) }],
    });
    const result = await worker.runUntil(handle.result());
    return { reads: result.polls, apiGets: simulator.counters().requests.get };
  } finally {
    await Promise.all([dataframer.close(), simulator.close(), connection.close(), nativeConnection.close()]);
  }
}

function caseLabel({ design, continueAsNewAfterReads }: BenchCase): string {
  const name = `\`${design}\`${design === 'activity-retry' ? ' (default)' : ''}`;
  return continueAsNewAfterReads === undefined
    ? name
    : `${name}, continue-as-new every ${continueAsNewAfterReads} reads`;
}

/** One case of the actions bench, measured. */
export interface BillableActionsRow {
  label: string;
  hours: number;
  reads: number;
  apiGets: number;
  actions: number;
  byType: [string, number][];
}

/** Every case on one dev server of its own, with its metrics (`npm run bench` uses it). */
export async function measureBillableActions(): Promise<{ rows: BillableActionsRow[]; seconds: number }> {
  // Underscores only: Prometheus labels spell a namespace's '-' as '_'.
  const namespaces = CASES.map((_, i) => `bench_actions_${i}`);
  const metricsPort = await findFreePort();
  const [server, bundle] = await Promise.all([
    startDevServer({ metricsPort, extraArgs: namespaces.flatMap((ns) => ['--namespace', ns]) }),
    bundleWorkflowsForTest(require.resolve('../src/workflows')),
  ]);
  try {
    const started = Date.now();
    const outcomes = await Promise.all(CASES.map((c, i) => runCase(server.address, bundle, namespaces[i]!, c)));
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const rows = CASES.map((c, i) => {
      const { reads, apiGets } = outcomes[i]!;
      const byType = [...actionsByType(metrics, namespaces[i]!)].sort(([a], [b]) => a.localeCompare(b));
      const actions = byType.reduce((sum, [, n]) => sum + n, 0);
      return { label: caseLabel(c), hours: c.hours, reads, apiGets, actions, byType };
    });
    return { rows, seconds: (Date.now() - started) / 1000 };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  const { rows, seconds } = await measureBillableActions();
  console.log(`${CASES.length} cases in ${seconds.toFixed(0)} s (schedule ${SPEEDUP}x faster)\n`);
  console.log('| design | generation | status reads (= API GETs) | billable actions | actions per read | by type |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const types = r.byType.map(([type, n]) => `${type} ${n}`).join(', ');
    const readsCell = r.reads === r.apiGets ? `${r.reads}` : `${r.reads} (${r.apiGets} GETs)`;
    console.log(
      `| ${r.label} | ${r.hours} h | ${readsCell} | ${r.actions} | ${(r.actions / r.reads).toFixed(3)} | ${types} |`,
    );
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
