// The createSpecWorkflow scenarios of `npm run record-histories`: one per path through the spec
// workflow that a history can hold, each either run to its end or caught mid-wait (what a worker
// upgraded under running workflows finds). Their names are 0.1.0's, so every version records the
// same spec paths.
import { deleteOnCancelSignal, getProgressQuery, pollNowSignal } from '../src/workflows';
import type { CreateSpecWorkflowInput } from '../src/workflows/types';
import type { ScenarioOf } from './history-scenario';
import { check, failureTypeOf, FAST_POLL, HOUR_POLL, MANUAL, settle, waitUntil } from './history-scenario-helpers';

type SpecScenario = ScenarioOf<'spec'>;
type PollingDesign = NonNullable<CreateSpecWorkflowInput['pollingDesign']>;

function succeeded(design: PollingDesign): SpecScenario {
  return {
    workflow: 'spec',
    name: `${design}-succeeded`,
    covers: `polling design '${design}': create, three PROCESSING reads, SUCCEEDED`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 3 } },
    input: { poll: FAST_POLL, pollingDesign: design },
    drive: settle,
  };
}

function pollNow(design: PollingDesign): SpecScenario {
  return {
    workflow: 'spec',
    name: `${design}-poll-now`,
    covers: `polling design '${design}': an hour-long wait cut short by the pollNow signal, which finds SUCCEEDED`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: MANUAL,
    input: { poll: HOUR_POLL, pollingDesign: design },
    async drive(context) {
      await context.waitFor((p) => p.phase === 'waiting');
      context.simulator.control.complete(`history-${design}-poll-now`);
      await context.handle.signal(pollNowSignal);
      const result = await context.handle.result();
      check(result.polls === 1, `expected 1 read, got ${result.polls}`);
    },
  };
}

function midWait(design: PollingDesign): SpecScenario {
  // The waiting activity's reads are retries the workflow hears of only when it ends: count them on the simulator.
  const recorded = design === 'activity-retry' ? 0 : 3;
  return {
    workflow: 'spec',
    name: `${design}-mid-wait`,
    covers: `polling design '${design}': caught waiting after 3+ PROCESSING reads`,
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { poll: FAST_POLL, pollingDesign: design },
    async drive(context) {
      await context.waitFor(
        (p) => p.phase === 'waiting' && p.reads >= recorded && context.simulator.counters().requests.get >= 3,
      );
    },
  };
}

function cancelled(onCancel: 'abandon' | 'delete'): SpecScenario {
  return {
    workflow: 'spec',
    name: `cancel-${onCancel}`,
    covers: `cancelled while waiting with onCancel '${onCancel}'${onCancel === 'delete' ? ' (the spec is deleted in a non-cancellable scope)' : ' (the spec is left)'}`,
    capture: 'complete',
    expectedStatus: 'CANCELLED',
    simulator: MANUAL,
    input: { poll: FAST_POLL, onCancel },
    async drive(context) {
      await context.waitFor((p) => p.phase === 'waiting' && context.simulator.counters().requests.get >= 2);
      await context.handle.cancel();
      await settle(context);
      const deletes = context.simulator.counters().requests.delete;
      check(deletes === (onCancel === 'delete' ? 1 : 0), `${deletes} deletes`);
    },
  };
}

/**
 * Cancelled while the create still retries 500s, started with onCancel 'abandon'; with `signal` the
 * CLI's `cancel --delete` (the deleteOnCancel signal just before the cancellation).
 */
function cancelledWhileCreating(signal: boolean): SpecScenario {
  return {
    workflow: 'spec',
    name: signal ? 'cancel-delete-signal-creating' : 'cancel-abandon-creating',
    covers: `cancelled while the createSpec activity retries 500s, onCancel 'abandon'${signal ? ', the deleteOnCancel signal first (cancel --delete)' : ''}`,
    capture: 'complete',
    expectedStatus: 'CANCELLED',
    simulator: { ...MANUAL, faults: { http500: 1, endpoints: ['create'] } },
    input: { poll: FAST_POLL, onCancel: 'abandon' },
    async drive(context) {
      await waitUntil('createSpec retried', () => context.simulator.counters().requests.create >= 2);
      if (signal) await context.handle.signal(deleteOnCancelSignal);
      await context.handle.cancel();
      await settle(context);
    },
  };
}

/** Every spec scenario, in the order of the index. */
export const SPEC_SCENARIOS: readonly SpecScenario[] = [
  succeeded('activity-retry'),
  succeeded('timer-activity'),
  succeeded('timer-local-activity'),
  {
    workflow: 'spec',
    name: 'continue-as-new',
    covers:
      'timer-activity with continueAsNewAfterReads 2: three runs (two continued as new, state carried), SUCCEEDED after 5 reads',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 5 } },
    input: { poll: FAST_POLL, pollingDesign: 'timer-activity', continueAsNewAfterReads: 2 },
    async drive(context) {
      await settle(context);
      const { runs } = await context.handle.query(getProgressQuery);
      check(runs === 3, `${runs} runs`);
    },
  },
  ...(['activity-retry', 'timer-activity', 'timer-local-activity'] as const).map((design): SpecScenario => ({
    workflow: 'spec',
    name: `${design}-transient-faults`,
    covers: `polling design '${design}': a 500 on create, then a 500, a 429 with Retry-After: 1 and a connection reset while polling, all retried; SUCCEEDED`,
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 4 } },
    input: { poll: FAST_POLL, pollingDesign: design },
    prepare({ control }) {
      control.injectOnce('http500', { endpoint: 'create' });
      control.injectOnce('http500', { endpoint: 'get' });
      control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { seconds: 1 } });
      control.injectOnce('reset', { endpoint: 'get' });
    },
    async drive(context) {
      await settle(context);
      const { faults } = context.simulator.counters();
      check(faults.http500 === 2 && faults.rateLimit === 1 && faults.reset === 1, JSON.stringify(faults));
    },
  })),
  {
    workflow: 'spec',
    name: 'failed',
    covers: 'DataFramer ends the spec FAILED: the workflow fails with SpecGenerationFailed',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: { completion: { afterReads: 2 }, failNamesMatching: '^history-failed$' },
    input: { poll: FAST_POLL },
    async drive(context) {
      const type = await failureTypeOf(context.handle);
      check(type === 'SpecGenerationFailed', `failed with ${type}`);
    },
  },
  {
    workflow: 'spec',
    name: 'deadline-exceeded',
    covers:
      'activity-retry: the waiting activity runs out of attempts, the deadline (2 s) has passed: SpecDeadlineExceeded',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { poll: FAST_POLL, deadline: '2 seconds' },
    async drive(context) {
      const type = await failureTypeOf(context.handle);
      check(type === 'SpecDeadlineExceeded', `failed with ${type}`);
      // A create slower than the deadline (a loaded machine) fails before any wait: another path.
      check(context.simulator.counters().requests.get >= 1, 'the deadline passed before the wait began');
    },
  },
  cancelled('abandon'),
  cancelled('delete'),
  cancelledWhileCreating(false),
  cancelledWhileCreating(true),
  pollNow('activity-retry'),
  pollNow('timer-activity'),
  pollNow('timer-local-activity'),
  {
    workflow: 'spec',
    name: 'ambiguous-create-adopted',
    covers: 'the first create stores the spec but answers 500; the retried create adopts it (adopted: true); SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 } },
    input: { poll: FAST_POLL },
    prepare: ({ control }) => control.injectOnce('ambiguousCreate', { endpoint: 'create', mode: '500' }),
    async drive(context) {
      await settle(context);
      const progress = await context.handle.query(getProgressQuery);
      check(progress.adopted === true, 'the spec was not adopted');
      check(context.simulator.counters().specsTotal === 1, 'more than one spec was created');
    },
  },
  midWait('activity-retry'),
  midWait('timer-activity'),
  midWait('timer-local-activity'),
  {
    workflow: 'spec',
    name: 'creating-mid-wait',
    covers: 'caught while the createSpec activity is still retrying 500s (no spec id yet)',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: { ...MANUAL, faults: { http500: 1, endpoints: ['create'] } },
    input: { poll: FAST_POLL },
    async drive(context) {
      await waitUntil('createSpec retried', () => context.simulator.counters().requests.create >= 2);
    },
  },
  {
    workflow: 'spec',
    name: 'activity-retry-poll-now-mid-wait',
    covers:
      "activity-retry: a pollNow read found PROCESSING; caught waiting again (signal and the extra read's activity in history)",
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { poll: HOUR_POLL },
    async drive(context) {
      await context.waitFor((p) => p.phase === 'waiting');
      await context.handle.signal(pollNowSignal);
      await context.waitFor((p) => p.reads >= 1);
    },
  },
  {
    workflow: 'spec',
    name: 'continue-as-new-mid-wait',
    covers: 'timer-activity with continueAsNewAfterReads 2: caught waiting in the third run (earlier runs complete)',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { poll: FAST_POLL, pollingDesign: 'timer-activity', continueAsNewAfterReads: 2 },
    async drive(context) {
      await context.waitFor((p) => p.runs >= 3 && p.reads >= 5);
    },
  },
];
