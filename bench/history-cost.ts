// History cost of each polling design, measured on real histories from the time-skipping server.
//
//   npm run bench:history            (3-hour and 1-hour generations at the default schedule)
//
// For each design it runs createSpecWorkflow, then createRunWorkflow (the generic waiting machinery)
// against the simulator, whose spec or run finishes after as many status reads as the default
// schedule makes in the given time (mean jitter), then follows the continue-as-new chain and counts
// every history event of every run.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { readsToCover, resolvePollSchedule } from '../src/common/poll-schedule';
import { DataFramerClient } from '../src/dataframer';
import { startSimulator } from '../src/simulator';
import { createTimeSkippingTestEnvironment } from '../src/testing/test-environments';
import { createRunWorkflow, createSpecWorkflow, type PollingDesign } from '../src/workflows';
import { bundleWorkflowsForTest } from '../test/support/workflow-bundle';

const DESIGNS: PollingDesign[] = ['activity-retry', 'timer-activity', 'timer-local-activity'];
const KINDS = ['spec', 'run'] as const;
type Kind = (typeof KINDS)[number];
const HOUR_MS = 3_600_000;

async function countEvents(client: Client, workflowId: string, firstRunId: string) {
  let runId: string | undefined = firstRunId;
  let events = 0;
  let runs = 0;
  while (runId !== undefined) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const all: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    events += all.length;
    runs += 1;
    const last: temporal.api.history.v1.IHistoryEvent | undefined = all[all.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return { events, runs };
}

async function measure(
  client: Client,
  bundle: WorkflowBundleWithSourceMap,
  connection: Worker['options']['connection'],
  design: PollingDesign,
  hours: number,
  kind: Kind,
) {
  const simulator = await startSimulator({
    completion: { afterReads: readsToCover(resolvePollSchedule(), hours * HOUR_MS, 0.5) },
  });
  const dataframer = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
  const taskQueue = `bench-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ client: dataframer }),
  });
  async function succeededSpec(): Promise<string> {
    const { id } = await dataframer.createSpec({ name: `${taskQueue}-spec`, generation_objectives: 'bench' });
    simulator.control.complete(id, 'SUCCEEDED');
    return id;
  }
  try {
    const started = Date.now();
    const handle =
      kind === 'spec'
        ? await client.workflow.start(createSpecWorkflow, {
            taskQueue,
            workflowId: taskQueue,
            args: [{ request: { name: taskQueue, generation_objectives: 'bench' }, pollingDesign: design }],
          })
        : await client.workflow.start(createRunWorkflow, {
            taskQueue,
            workflowId: taskQueue,
            args: [{ request: { spec_id: await succeededSpec(), number_of_samples: 100 }, pollingDesign: design }],
          });
    const finished: Promise<{ polls: number }> = handle.result();
    const result = await worker.runUntil(finished);
    const { events, runs } = await countEvents(client, handle.workflowId, handle.firstExecutionRunId);
    const counters = simulator.counters();
    return {
      kind,
      design,
      hours,
      reads: result.polls,
      apiGets: kind === 'spec' ? counters.requests.get : counters.jobRequests['run-get'],
      events,
      runs,
      eventsPerRead: events / result.polls,
      wallMs: Date.now() - started,
    };
  } finally {
    await dataframer.close();
    await simulator.close();
  }
}

/** One design and generation length, measured. */
export type HistoryCostRow = Awaited<ReturnType<typeof measure>>;

/** Every design at each generation length, on a time-skipping server of its own (`npm run bench` uses it). */
export async function measureHistoryCost(hoursList: readonly number[] = [3, 1]): Promise<HistoryCostRow[]> {
  const [env, bundle] = await Promise.all([
    createTimeSkippingTestEnvironment(),
    bundleWorkflowsForTest(require.resolve('../src/workflows')),
  ]);
  try {
    const rows = [];
    for (const hours of hoursList) {
      for (const kind of KINDS) {
        for (const design of DESIGNS) {
          rows.push(await measure(env.client, bundle, env.nativeConnection, design, hours, kind));
        }
      }
    }
    return rows;
  } finally {
    await env.teardown();
  }
}

/** Installs the quiet runtime every bench uses (once per process). */
export function installQuietRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}

async function main(): Promise<void> {
  installQuietRuntime();
  const rows = await measureHistoryCost();
  console.log('kind  design                 hours  reads  API GETs  events  runs  events/read  wall ms');
  for (const r of rows) {
    console.log(
      `${r.kind.padEnd(4)}  ${r.design.padEnd(22)} ${String(r.hours).padStart(5)}  ${String(r.reads).padStart(5)}  ${String(r.apiGets).padStart(8)}  ${String(r.events).padStart(6)}  ${String(r.runs).padStart(4)}  ${r.eventsPerRead.toFixed(2).padStart(11)}  ${String(r.wallMs).padStart(7)}`,
    );
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
