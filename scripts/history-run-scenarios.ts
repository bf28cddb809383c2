// The createRunWorkflow scenarios of `npm run record-histories`: each polling design to SUCCEEDED,
// the run's other ends (FAILED, CANCELED by someone else, the workflow cancelled, the deadline),
// transient faults, an adopted ambiguous create, continue-as-new, pollNow, and runs caught mid-wait.
// The recorder makes the SUCCEEDED spec each run is of before the workflow starts.
import type { SimulatorCounters } from '../src/simulator';
import { getJobProgressQuery, pollNowSignal, type JobWorkflowProgress, type PollingDesign } from '../src/workflows';
import type { ScenarioOf } from './history-scenario';
import { check, failureTypeOf, FAST_POLL, HOUR_POLL, MANUAL, settle } from './history-scenario-helpers';

type RunScenario = ScenarioOf<'run'>;

const DESIGNS = ['activity-retry', 'timer-activity', 'timer-local-activity'] as const satisfies PollingDesign[];
/** Small, so samples_completed visibly grows over three reads. */
const REQUEST = { number_of_samples: 4 };

/** The run is created and its workflow waits on it. */
const waitingOnRun = (p: JobWorkflowProgress) => p.id !== undefined && p.phase === 'waiting';
/** Status reads of runs the simulator answered (the activity-retry design's reads are retries its history never sees). */
const runReads = (counters: SimulatorCounters) => counters.jobRequests['run-get'];

function succeeded(design: PollingDesign): RunScenario {
  return {
    workflow: 'run',
    name: `run-${design}-succeeded`,
    covers: `createRunWorkflow, polling design '${design}': create, three PENDING/PROCESSING reads, SUCCEEDED with samples_completed = number_of_samples (4)`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 3 } },
    input: { request: REQUEST, poll: FAST_POLL, pollingDesign: design },
    async drive(context) {
      const result = await context.handle.result();
      const { phase, progress } = await context.handle.query(getJobProgressQuery);
      check(phase === 'succeeded' && result.run.samples_completed === 4, `${phase}, ${JSON.stringify(result.run)}`);
      check(progress.samplesCompleted === 4 && progress.numberOfSamples === 4, JSON.stringify(progress));
      check(result.polls >= 4 || design === 'activity-retry', `${result.polls} reads`);
    },
  };
}

function transientFaults(design: PollingDesign): RunScenario {
  return {
    workflow: 'run',
    name: `run-${design}-transient-faults`,
    covers: `createRunWorkflow, polling design '${design}': a 500 on create, then a 500, a 429 with Retry-After: 1 and a connection reset while polling, all retried; one run, SUCCEEDED`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 4 } },
    input: { request: REQUEST, poll: FAST_POLL, pollingDesign: design },
    prepare({ control }) {
      control.injectOnce('http500', { endpoint: 'run-create' });
      control.injectOnce('http500', { endpoint: 'run-get' });
      control.injectOnce('rateLimit', { endpoint: 'run-get', retryAfter: { seconds: 1 } });
      control.injectOnce('reset', { endpoint: 'run-get' });
    },
    async drive(context) {
      await settle(context);
      const { faults, runsTotal } = context.simulator.counters();
      check(faults.http500 === 2 && faults.rateLimit === 1 && faults.reset === 1, JSON.stringify(faults));
      check(runsTotal === 1, `${runsTotal} runs`);
    },
  };
}

function pollNow(design: PollingDesign): RunScenario {
  return {
    workflow: 'run',
    name: `run-${design}-poll-now`,
    covers: `createRunWorkflow, polling design '${design}': an hour-long wait cut short by the pollNow signal, which finds SUCCEEDED`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: MANUAL,
    input: { request: REQUEST, poll: HOUR_POLL, pollingDesign: design },
    async drive(context) {
      const { id } = await context.waitFor(waitingOnRun);
      context.simulator.control.completeRun(id!);
      await context.handle.signal(pollNowSignal);
      const result = await context.handle.result();
      check(result.polls === 1, `expected 1 read, got ${result.polls}`);
    },
  };
}

function midWait(design: PollingDesign): RunScenario {
  // The waiting activity's reads are retries the workflow hears of only when it ends: count them on the simulator.
  const recorded = design === 'activity-retry' ? 0 : 3;
  return {
    workflow: 'run',
    name: `run-${design}-mid-wait`,
    covers: `createRunWorkflow, polling design '${design}': caught waiting after 3+ PENDING/PROCESSING reads`,
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { request: REQUEST, poll: FAST_POLL, pollingDesign: design },
    async drive(context) {
      await context.waitFor(
        (p) => waitingOnRun(p) && p.reads >= recorded && runReads(context.simulator.counters()) >= 3,
      );
    },
  };
}

function cancelled(onCancel: 'abandon' | 'cancel'): RunScenario {
  const cancels = onCancel === 'cancel' ? 1 : 0;
  return {
    workflow: 'run',
    name: `run-cancel-${onCancel}`,
    covers: `createRunWorkflow cancelled while waiting with onCancel '${onCancel}'${cancels === 1 ? ' (the run is canceled on DataFramer in a non-cancellable scope)' : ' (the run is left going)'}`,
    capture: 'complete',
    expectedStatus: 'CANCELLED',
    simulator: MANUAL,
    input: { request: REQUEST, poll: FAST_POLL, onCancel },
    async drive(context) {
      await context.waitFor((p) => waitingOnRun(p) && runReads(context.simulator.counters()) >= 2);
      await context.handle.cancel();
      await settle(context);
      const { jobRequests, runsCanceled } = context.simulator.counters();
      check(jobRequests['run-cancel'] === cancels && runsCanceled === cancels, `${runsCanceled} runs canceled`);
    },
  };
}

/** Every run scenario, in the order of the index. */
export const RUN_SCENARIOS: readonly RunScenario[] = [
  ...DESIGNS.map(succeeded),
  {
    workflow: 'run',
    name: 'run-failed',
    covers: 'createRunWorkflow: DataFramer ends the run FAILED: the workflow fails with RunGenerationFailed',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { request: REQUEST, poll: FAST_POLL },
    async drive(context) {
      const { id } = await context.waitFor((p) => waitingOnRun(p) && runReads(context.simulator.counters()) >= 1);
      context.simulator.control.failRun(id!, 'GPU quota exceeded');
      const type = await failureTypeOf(context.handle);
      check(type === 'RunGenerationFailed', `failed with ${type}`);
    },
  },
  {
    workflow: 'run',
    name: 'run-canceled-elsewhere',
    covers: 'createRunWorkflow: someone else cancels the run on DataFramer: the workflow fails with RunCanceled',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { request: REQUEST, poll: FAST_POLL },
    async drive(context) {
      const { id } = await context.waitFor((p) => waitingOnRun(p) && runReads(context.simulator.counters()) >= 1);
      await context.dataframer.cancelRun(id!);
      const type = await failureTypeOf(context.handle);
      check(type === 'RunCanceled', `failed with ${type}`);
    },
  },
  {
    workflow: 'run',
    name: 'run-deadline-exceeded',
    covers:
      'createRunWorkflow, activity-retry: the waiting activity runs out of time, the deadline (2 s) has passed: JobDeadlineExceeded',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { request: REQUEST, poll: FAST_POLL, deadline: '2 seconds' },
    async drive(context) {
      const type = await failureTypeOf(context.handle);
      check(type === 'JobDeadlineExceeded', `failed with ${type}`);
      // A create slower than the deadline (a loaded machine) fails before any wait: another path.
      check(runReads(context.simulator.counters()) >= 1, 'the deadline passed before the wait began');
    },
  },
  cancelled('cancel'),
  cancelled('abandon'),
  ...DESIGNS.map(transientFaults),
  {
    workflow: 'run',
    name: 'run-ambiguous-create-adopted',
    covers:
      'createRunWorkflow: the first create stores the run but answers 500; the retried create adopts it (adopted: true, one run); SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 } },
    input: { request: REQUEST, poll: FAST_POLL },
    prepare: ({ control }) => control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' }),
    async drive(context) {
      await settle(context);
      const progress = await context.handle.query(getJobProgressQuery);
      const { faults, runsTotal } = context.simulator.counters();
      check(faults.ambiguousCreate === 1, 'no create was ambiguous');
      check(progress.adopted === true, 'the run was not adopted');
      check(runsTotal === 1, `${runsTotal} runs were created`);
    },
  },
  {
    workflow: 'run',
    name: 'run-continue-as-new',
    covers:
      'createRunWorkflow, timer-activity with continueAsNewAfterReads 2: three runs (two continued as new, state carried), SUCCEEDED after 5 reads',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 5 } },
    input: { request: REQUEST, poll: FAST_POLL, pollingDesign: 'timer-activity', continueAsNewAfterReads: 2 },
    async drive(context) {
      await settle(context);
      const { runs, reads } = await context.handle.query(getJobProgressQuery);
      check(runs === 3 && reads === 6, `${runs} runs, ${reads} reads`);
    },
  },
  ...DESIGNS.map(pollNow),
  ...DESIGNS.map(midWait),
  {
    workflow: 'run',
    name: 'run-creating-mid-wait',
    covers: 'createRunWorkflow: caught while the createRun activity is still retrying 500s (no run id yet)',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: { ...MANUAL, faults: { http500: 1, endpoints: ['run-create'] } },
    input: { request: REQUEST, poll: FAST_POLL },
    async drive(context) {
      await context.waitFor(
        (p) => p.phase === 'creating' && context.simulator.counters().jobRequests['run-create'] >= 2,
      );
    },
  },
];
