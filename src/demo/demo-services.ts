// The servers the demo works with: embedded ones it starts (and registers to stop), or yours.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { bundleWorkflowCode, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAULT_PROFILES, startSimulator, type RunningSimulator } from '../simulator';
import { startDevServer } from '../testing/dev-server';
import type { TemporalConnectionConfig } from '../worker/temporal-connection';
import type { DemoEnvironment, ResolvedDemoOptions } from './demo-config';
import { atMost, type DemoResources } from './demo-resources';
import { EMBEDDED_DEMO_DATASETS } from './demo-specs';

/** What the demo connects to, with a line per part saying what it is. */
export interface DemoServices {
  temporal: TemporalConnectionConfig;
  dataframer: { apiKey: string; baseUrl: string };
  /** Present when the simulator is embedded (for its fault counters). */
  simulator?: RunningSimulator;
  /** Dataset ids for seeded specs. */
  datasetIds: readonly string[];
  workflowBundle: WorkflowBundleWithSourceMap;
  /** `Temporal: ...`, `DataFramer: ...`: what runs where. Never holds an API key. */
  labels: string[];
  /** True when the demo started the Temporal dev server itself. */
  temporalEmbedded: boolean;
  /** False once the embedded dev server has exited (a Ctrl-C in a terminal reaches it too); always true for yours. */
  temporalAlive(): boolean;
  /** Waits up to `ms` for the embedded dev server to exit on its own; resolves whether it is gone. */
  temporalGoneWithin(ms: number): Promise<boolean>;
}

type TemporalPart = Pick<DemoServices, 'temporal' | 'temporalEmbedded' | 'temporalAlive' | 'temporalGoneWithin'> & {
  label: string;
};
type DataFramerPart = Pick<DemoServices, 'dataframer' | 'simulator' | 'datasetIds'> & { label: string };

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function startTemporal(env: DemoEnvironment, resources: DemoResources): Promise<TemporalPart> {
  if (env.temporal.kind === 'external') {
    const { connection } = env.temporal;
    return {
      temporal: connection,
      temporalEmbedded: false,
      temporalAlive: () => true,
      temporalGoneWithin: () => Promise.resolve(false),
      label: `${connection.address} namespace ${connection.namespace} (TEMPORAL_ADDRESS)`,
    };
  }
  const server = await startDevServer();
  resources.trackChild(server.process);
  // SIGTERM, then SIGKILL after 5 s: the step's bound leaves room for both.
  resources.defer('Temporal dev server', () => server.stop(), 8_000);
  return {
    temporal: { address: server.address, namespace: server.namespace, tls: false },
    temporalEmbedded: true,
    temporalAlive: () => isRunning(server.process),
    temporalGoneWithin: async (ms) => {
      if (isRunning(server.process)) await atMost(ms, once(server.process, 'exit'));
      return !isRunning(server.process);
    },
    label: `embedded dev server at ${server.address} (pid ${server.process.pid ?? '?'})`,
  };
}

async function startDataFramer(
  env: DemoEnvironment,
  options: ResolvedDemoOptions,
  resources: DemoResources,
): Promise<DataFramerPart> {
  if (env.dataframer.kind === 'external') {
    const { apiKey, baseUrl } = env.dataframer;
    return { dataframer: { apiKey, baseUrl }, datasetIds: env.datasetIds, label: `${baseUrl} (DATAFRAMER_BASE_URL)` };
  }
  const simulator = await startSimulator({
    completion: { afterMs: options.completionAfterMs },
    faults: FAULT_PROFILES[options.faultProfile],
    seed: options.faultSeed,
    datasets: EMBEDDED_DEMO_DATASETS.map((dataset) => dataset.id),
  });
  resources.defer('DataFramer simulator', () => simulator.close());
  for (const dataset of EMBEDDED_DEMO_DATASETS) simulator.control.addDataset(dataset.id, dataset.name);
  const completes = `specs succeed ${options.completionAfterMs / 1000} s after creation`;
  return {
    dataframer: { apiKey: simulator.apiKey, baseUrl: simulator.url },
    simulator,
    datasetIds: EMBEDDED_DEMO_DATASETS.map((dataset) => dataset.id),
    label: `embedded simulator at ${simulator.url} (faults "${options.faultProfile}", seed ${options.faultSeed}; ${completes})`,
  };
}

function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: Runtime.instance().logger });
}

/**
 * Starts what is embedded and bundles the workflows, all at once (bundling takes as long as the dev
 * server's start). Whatever started is registered in `resources`, also when another part fails.
 */
export async function startDemoServices(
  env: DemoEnvironment,
  options: ResolvedDemoOptions,
  resources: DemoResources,
): Promise<DemoServices> {
  const [temporal, dataframer, bundle] = await Promise.allSettled([
    startTemporal(env, resources),
    startDataFramer(env, options, resources),
    bundleWorkflows(),
  ]);
  if (temporal.status === 'rejected') throw temporal.reason;
  if (dataframer.status === 'rejected') throw dataframer.reason;
  if (bundle.status === 'rejected') throw bundle.reason;
  return {
    temporal: temporal.value.temporal,
    temporalEmbedded: temporal.value.temporalEmbedded,
    temporalAlive: temporal.value.temporalAlive,
    temporalGoneWithin: temporal.value.temporalGoneWithin,
    dataframer: dataframer.value.dataframer,
    ...(dataframer.value.simulator === undefined ? {} : { simulator: dataframer.value.simulator }),
    datasetIds: dataframer.value.datasetIds,
    workflowBundle: bundle.value,
    labels: [`Temporal:   ${temporal.value.label}`, `DataFramer: ${dataframer.value.label}`],
  };
}
