// The demo's process-level part: its log file, the Temporal runtime, signals, the exit code.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants } from 'node:os';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { loadDemoEnvironment } from './demo-config';
import { formatSummary } from './demo-report';
import { DemoResources } from './demo-resources';
import { runDemo } from './run-demo';
import { prometheusMetrics } from '../worker/worker-runtime';

/** Git-ignored; the only thing the demo leaves on disk is its log there. */
const DEMO_FOLDER = path.resolve(__dirname, '..', '..', '.demo');
const LOG_FILE = path.join(DEMO_FOLDER, 'demo.log');

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, field: unknown) => (typeof field === 'bigint' ? String(field) : field));
  } catch {
    return '"(unserializable)"';
  }
}

function writeLogEntry(entry: LogEntry): void {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  appendFileSync(LOG_FILE, `${time} ${entry.level} ${entry.message} ${safeJson(entry.meta ?? {})}\n`);
}

// The worker's logs go to the log file, not between the progress lines; and the demo handles its
// signals itself (to stop its workflows before the worker), so the SDK must not.
function installRuntime(metricsBindAddress = process.env.DATAFRAMER_METRICS_BIND_ADDRESS?.trim() || undefined): void {
  mkdirSync(DEMO_FOLDER, { recursive: true });
  writeFileSync(LOG_FILE, '');
  Runtime.install({
    logger: new DefaultLogger('INFO', writeLogEntry),
    // The SDK's native side logs to the console unless told to forward to the logger.
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      // The worker's endpoint, for a look at the dataframer_* metrics of a demo run.
      ...(metricsBindAddress === undefined ? {} : { metrics: prometheusMetrics(metricsBindAddress) }),
    },
    shutdownSignals: [],
  });
}

/** A signal this soon after the first is the same Ctrl-C, relayed by a wrapper (npm, tsx): not a second one. */
const SAME_SIGNAL_WINDOW_MS = 500;

/** First SIGINT/SIGTERM: a clean stop. A second one: kill the children and leave at once. */
function listenForSignals(controller: AbortController, resources: DemoResources): () => NodeJS.Signals | undefined {
  let received: { signal: NodeJS.Signals; atMs: number } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received !== undefined) {
      if (Date.now() - received.atMs < SAME_SIGNAL_WINDOW_MS) return;
      resources.killChildrenNow();
      process.exit(128 + constants.signals[received.signal]);
    }
    received = { signal, atMs: Date.now() };
    console.error(`\n${signal}: stopping the demo's workflows, the worker and the servers (again to force)`);
    controller.abort(new Error(`Stopped by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => received?.signal;
}

/** Runs the demo as `npm run demo` and `dataframer-temporal demo` do; resolves to the exit code. */
export async function runDemoMain(): Promise<number> {
  const environment = loadDemoEnvironment(process.env);
  installRuntime();
  const resources = new DemoResources();
  process.on('exit', () => resources.killChildrenNow());
  const controller = new AbortController();
  const receivedSignal = listenForSignals(controller, resources);
  const summary = await runDemo({
    environment,
    out: process.stdout,
    signal: controller.signal,
    resources,
    onCleanupProblem: (line) => console.error(`cleanup: ${line}`),
  });
  console.log(formatSummary(summary));
  console.log(`Everything the demo started is stopped. Log: ${path.relative(process.cwd(), LOG_FILE)}`);
  const signal = receivedSignal();
  if (signal !== undefined) return 128 + constants.signals[signal];
  return summary.outcomes.every((outcome) => outcome.status === 'SUCCEEDED') ? 0 : 1;
}
