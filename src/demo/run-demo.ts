// The demo from start to end: servers, an in-process worker, a handful of specs watched live, their
// results; then everything it started is stopped, also when interrupted or when something throws.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@temporalio/client';
import { durationToMs } from '../common/durations';
import { connectClient, connectToTemporal } from '../worker/temporal-connection';
import { createWorker } from '../worker/create-worker';
import { resolveDemoOptions, type DemoEnvironment, type DemoOptions, type ResolvedDemoOptions } from './demo-config';
import { formatOutcome, type DemoSummary, type SpecOutcome } from './demo-report';
import type { DemoResources } from './demo-resources';
import { startDemoServices, type DemoServices } from './demo-services';
import { demoSpecRequests } from './demo-specs';
import { startDemoSpecs, stopUnfinishedSpecs, type StopMode } from './demo-workflows';
import { createProgressDisplay, type DisplayStream } from './progress-display';
import { refreshProgress, type WatchedSpec } from './spec-progress';

/** What {@link runDemo} needs. */
export interface RunDemoParams {
  environment: DemoEnvironment;
  options?: DemoOptions;
  /** Where the progress and the results go (stdout); redraws in place when it is a TTY. */
  out: DisplayStream;
  /** Aborted on SIGINT/SIGTERM: the demo stops its workflows and everything it started. */
  signal: AbortSignal;
  /** Where every part registers its cleanup; the caller also kills its children on process exit. */
  resources: DemoResources;
  /** Lines about cleanup steps that failed or timed out. @default ignored */
  onCleanupProblem?: (line: string) => void;
}

/** One run's settings and the things every step uses. */
interface DemoRun {
  runId: string;
  taskQueue: string;
  options: ResolvedDemoOptions;
  out: DisplayStream;
  signal: AbortSignal;
  resources: DemoResources;
  /** The specs started so far. */
  specs: WatchedSpec[];
}

/** Extra time a worker may take to stop beyond its grace time (closing pollers). */
const WORKER_STOP_MARGIN_MS = 5_000;
/** On interrupt, how long the embedded dev server may take to exit if the terminal's Ctrl-C reached it too. */
const DEV_SERVER_EXIT_WAIT_MS = 1_500;
/** Deadline of each progress query and describe call. */
const PROGRESS_CALL_TIMEOUT_MS = 2_000;

// After an interrupt, calls may still be retrying against a server that is going away, and closing a
// client then throws from a timer inside the SDK; once the embedded server is gone, stopping the
// worker would only wait on retries to a dead address. In both cases the process exit ends them.
function unlessGoneOrInterrupted(run: DemoRun, services: DemoServices, release: () => Promise<void>) {
  return () => (services.temporalAlive() && !run.signal.aborted ? release() : Promise.resolve());
}
function unlessGone(services: DemoServices, release: () => Promise<void>) {
  return () => (services.temporalAlive() ? release() : Promise.resolve());
}

async function startWorker(run: DemoRun, services: DemoServices): Promise<{ failed: Promise<never> }> {
  const connection = await connectToTemporal(services.temporal);
  run.resources.defer(
    'worker connection',
    unlessGone(services, () => connection.close()),
  );
  const { worker, close } = await createWorker({
    connection,
    namespace: services.temporal.namespace,
    taskQueue: run.taskQueue,
    dataframer: services.dataframer,
    workflowBundle: services.workflowBundle,
    shutdownGraceTime: run.options.shutdownGraceTime,
  });
  run.resources.defer('DataFramer client', close);
  const running = worker.run();
  const stop = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
  const stopTimeoutMs = durationToMs(run.options.shutdownGraceTime) + WORKER_STOP_MARGIN_MS;
  run.resources.defer('worker', unlessGone(services, stop), stopTimeoutMs);
  // Settles only if the worker stops on its own: that is a failure while specs still run.
  const failed = running.then(() => Promise.reject(new Error('The worker stopped before the specs were done')));
  failed.catch(() => undefined); // raced later; never an unhandled rejection meanwhile
  return { failed };
}

async function connectDemoClient(run: DemoRun, services: DemoServices): Promise<Client> {
  const connection = await connectClient(services.temporal);
  run.resources.defer(
    'client connection',
    unlessGoneOrInterrupted(run, services, () => connection.close()),
  );
  return new Client({ connection, namespace: services.temporal.namespace });
}

function stopMode(run: DemoRun, services: DemoServices): StopMode {
  if (!services.temporalAlive()) return { kind: 'gone' };
  return services.temporalEmbedded ? { kind: 'terminate' } : { kind: 'cancel', waitMs: run.options.cancelWaitMs };
}

/** Refreshes every unfinished spec's row and the display until every spec is done. */
async function watchUntilDone(run: DemoRun, client: Client, stopped: Promise<never>): Promise<void> {
  const display = createProgressDisplay(run.out);
  const rows = () => run.specs.map((spec) => spec.row);
  const allDone = Promise.all(run.specs.map((spec) => spec.done));
  try {
    while (run.specs.some((spec) => !spec.settled)) {
      const refreshes = run.specs.map((spec) => refreshProgress(spec, client, PROGRESS_CALL_TIMEOUT_MS));
      await Promise.race([Promise.all(refreshes), stopped]);
      display.update(rows());
      const tick = new AbortController();
      const wait = sleep(run.options.progressIntervalMs, undefined, { signal: tick.signal }).catch(() => undefined);
      await Promise.race([wait, allDone, stopped]);
      tick.abort();
    }
  } finally {
    // After an interrupt, lines printed meanwhile (the signal's notice) would throw a redraw off.
    if (!run.signal.aborted) display.finish(rows());
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  const reason = () => (signal.reason instanceof Error ? signal.reason : new Error('Stopped'));
  const promise = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(reason());
    signal.addEventListener('abort', () => reject(reason()), { once: true });
  });
  promise.catch(() => undefined);
  return promise;
}

function startingWhat(environment: DemoEnvironment): string {
  const parts = [
    environment.temporal.kind === 'embedded' ? 'starting a Temporal dev server' : 'connecting to Temporal',
    environment.dataframer.kind === 'embedded' ? 'a DataFramer simulator' : 'using the DataFramer API',
  ];
  return `${parts.join(', ')} and bundling the workflows`;
}

/** With the servers up: the worker, the client, the specs, watched until done. */
async function runSpecs(run: DemoRun, services: DemoServices): Promise<void> {
  const worker = await startWorker(run, services);
  const client = await connectDemoClient(run, services);
  const requests = demoSpecRequests(run.runId, { ...run.options, datasetIds: services.datasetIds });
  const seeded = requests.filter((request) => request.dataset_id !== undefined).length;
  run.out.write(`${services.labels.join('\n')}\nWorker:     in-process on task queue ${run.taskQueue}\n`);
  const noSeeded =
    seeded === 0 && run.options.seededCount > 0 ? '; no seeded ones: set DATAFRAMER_DEMO_DATASET_IDS' : '';
  run.out.write(
    `Starting ${requests.length} specs (${requests.length - seeded} seedless, ${seeded} seeded${noSeeded})\n\n`,
  );
  run.signal.throwIfAborted();
  run.specs = await startDemoSpecs(client, requests, run.taskQueue, run.options);
  const specs = run.specs;
  const stopTimeoutMs = run.options.cancelWaitMs + WORKER_STOP_MARGIN_MS;
  run.resources.defer(
    'demo workflows',
    () => stopUnfinishedSpecs(client, specs, stopMode(run, services)),
    stopTimeoutMs,
  );
  await watchUntilDone(run, client, Promise.race([aborted(run.signal), worker.failed]));
}

function summarize(run: DemoRun, services: DemoServices | undefined, startedAtMs: number): DemoSummary {
  const outcomes = run.specs.map((spec) => spec.outcome).filter((outcome): outcome is SpecOutcome => !!outcome);
  const faults = services?.simulator?.counters().faults;
  return {
    outcomes,
    elapsedMs: Date.now() - startedAtMs,
    statusReads: outcomes.reduce((sum, outcome) => sum + outcome.reads, 0),
    retriesSeen: run.specs.reduce((sum, spec) => sum + spec.row.retries, 0),
    ...(faults === undefined ? {} : { faults: Object.fromEntries(Object.entries(faults).filter(([, n]) => n > 0)) }),
    interrupted: run.signal.aborted,
  };
}

/**
 * Runs the demo and returns its summary, once everything it started is stopped. Rejects only on an
 * unexpected error (after the same cleanup); an interrupt resolves with `interrupted: true`.
 */
export async function runDemo(params: RunDemoParams): Promise<DemoSummary> {
  const startedAtMs = Date.now();
  const runId = randomBytes(3).toString('hex');
  const options = resolveDemoOptions(params.options ?? {}, params.environment.dataframer);
  const { out, signal, resources } = params;
  const run: DemoRun = { runId, taskQueue: `dataframer-demo-${runId}`, options, out, signal, resources, specs: [] };
  let services: DemoServices | undefined;
  try {
    out.write(`dataframer-temporal demo, run ${runId}: ${startingWhat(params.environment)}...\n`);
    services = await startDemoServices(params.environment, options, resources);
    signal.throwIfAborted();
    await runSpecs(run, services);
  } catch (err) {
    if (!signal.aborted) throw err;
  } finally {
    if (signal.aborted) await services?.temporalGoneWithin(DEV_SERVER_EXIT_WAIT_MS);
    for (const problem of await resources.releaseAll()) params.onCleanupProblem?.(problem);
  }
  const blocks = run.specs.map((spec) => (spec.outcome === undefined ? '' : `${formatOutcome(spec.outcome)}\n`));
  out.write(`\n${blocks.join('')}\n`);
  return summarize(run, services, startedAtMs);
}
