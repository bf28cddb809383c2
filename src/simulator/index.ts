// A faithful DataFramer API simulator on node:http, for tests and local runs.
//
//   const sim = await startSimulator({ completion: { afterReads: 2 }, faults: FAULT_PROFILES.mild, seed: 7 });
//   const res = await fetch(`${sim.url}/api/dataframer/specs/`, {
//     method: 'POST',
//     headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
//     body: JSON.stringify({ name: 'Reviews', generation_objectives: 'Product reviews' }),
//   });
//   sim.control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { seconds: 2 } });
//   console.log(sim.counters());
//   await sim.close();
export { startSimulator, type RunningSimulator } from './server';
export {
  resolveSimulatorOptions,
  DEFAULT_COMPLETION,
  SimulatorOptionsError,
  type SimulatorOptions,
  type ResolvedSimulatorOptions,
  type CompletionPolicy,
  type ListLag,
  type AdoptionStrictnessOptions,
} from './options';
export {
  FAULT_PROFILES,
  FAULT_KINDS,
  FAULT_ENDPOINTS,
  FaultPlanError,
  parseFaultPlan,
  type FaultPlan,
  type FaultKind,
  type FaultEndpoint,
  type FaultProfileName,
  type RetryAfter,
  type AmbiguousMode,
  type InjectOnceOptions,
} from './fault-plan';
export { type SimulatorControl, type SpecObject } from './control';
export { type SimulatorCounters, type CountedEndpoint } from './counters';
export { SpecNotFoundError, type SpecOutcome, type SpecStatus } from './spec-store';
export { CREATE_SPEC_FIELDS, DEFAULT_SPEC_GENERATION_MODEL } from './create-validation';
export { UNKNOWN_STATUS } from './fault-responses';
export { DATA_PLANE_REASON } from './spec-view';
export { JOB_ENDPOINTS, type JobEndpoint } from './job-routes';
export { type JobControl } from './job-control';
export { COST_PER_SAMPLE, JobNotFoundError, type RunOutcome, type RunStatus } from './run-store';
export { DEFAULT_EVALUATION_MODEL, type EvaluationStatus } from './evaluation-store';
export { EVALUATION_DATA_PLANE_REASON } from './job-views';
export { CREATE_EVALUATION_FIELDS, CREATE_RUN_FIELDS, MAX_SAMPLES_PER_RUN } from './job-validation';
