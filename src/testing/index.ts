/**
 * Test tools for projects that use dataframer-temporal: the DataFramer API simulator, and Temporal
 * servers from binaries found on this machine.
 *
 * @example
 * import { TestWorkflowEnvironment } from '@temporalio/testing';
 * import { Worker } from '@temporalio/worker';
 * import { createActivities, DataFramerClient } from 'dataframer-temporal';
 * import { createTimeSkippingTestEnvironment, startSimulator } from 'dataframer-temporal/testing';
 *
 * const sim = await startSimulator({ completion: { afterReads: 2 } });
 * const env = await createTimeSkippingTestEnvironment(); // needs @temporalio/testing installed
 * const worker = await Worker.create({
 *   connection: env.nativeConnection,
 *   taskQueue: 'test',
 *   workflowsPath: require.resolve('./workflows'),
 *   activities: createActivities({ client: new DataFramerClient({ baseUrl: sim.url, apiKey: sim.apiKey }) }),
 * });
 * await worker.runUntil(env.client.workflow.execute(myPipeline, { taskQueue: 'test', workflowId: 'p-1', args: [] }));
 * console.log(sim.counters());
 * await env.teardown();
 * await sim.close();
 *
 * `@temporalio/testing` is an optional peer dependency: only the two `create*TestEnvironment`
 * functions load it, on first call, so the simulator and the dev server work without it.
 */
export {
  startSimulator,
  resolveSimulatorOptions,
  DEFAULT_COMPLETION,
  SimulatorOptionsError,
  FAULT_PROFILES,
  FAULT_KINDS,
  FAULT_ENDPOINTS,
  FaultPlanError,
  parseFaultPlan,
  SpecNotFoundError,
  CREATE_SPEC_FIELDS,
  DEFAULT_SPEC_GENERATION_MODEL,
  UNKNOWN_STATUS,
  DATA_PLANE_REASON,
  type RunningSimulator,
  type SimulatorOptions,
  type ResolvedSimulatorOptions,
  type CompletionPolicy,
  type FaultPlan,
  type FaultKind,
  type FaultEndpoint,
  type FaultProfileName,
  type RetryAfter,
  type AmbiguousMode,
  type InjectOnceOptions,
  type SimulatorControl,
  type SpecObject,
  type SimulatorCounters,
  type CountedEndpoint,
  type SpecOutcome,
  type SpecStatus,
} from '../simulator';
export {
  findTemporalBinaries,
  provisionedBinFolders,
  provisionCommand,
  requireTemporalCli,
  PROVISIONED_FOLDER,
  PROVISIONED_BIN_FOLDER,
  PROVISION_DIR_VARIABLE,
  type TemporalBinaries,
} from './temporal-binaries';
export {
  provisionTemporalBinaries,
  PROVISION_SCRIPT,
  type ProvisionOptions,
  type ProvisionedFolder,
} from './provision-temporal';
export { startDevServer, findFreePort, type DevServerOptions, type RunningDevServer } from './dev-server';
export { createTimeSkippingTestEnvironment, createDevServerTestEnvironment } from './test-environments';
