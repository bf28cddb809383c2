// The createEvaluationWorkflow scenarios of `npm run record-histories`: SUCCEEDED, FAILED, and one
// caught mid-wait. The recorder makes the SUCCEEDED run each evaluates before the workflow starts.
import type { JobWorkflowProgress } from '../src/workflows';
import type { ScenarioOf } from './history-scenario';
import { check, failureTypeOf, FAST_POLL, MANUAL } from './history-scenario-helpers';

type EvaluationScenario = ScenarioOf<'evaluation'>;

const waitingOnEvaluation = (p: JobWorkflowProgress) => p.id !== undefined && p.phase === 'waiting';

/** Every evaluation scenario, in the order of the index. */
export const EVALUATION_SCENARIOS: readonly EvaluationScenario[] = [
  {
    workflow: 'evaluation',
    name: 'evaluation-succeeded',
    covers: 'createEvaluationWorkflow, activity-retry: create, two PENDING/PROCESSING reads, SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 } },
    input: { poll: FAST_POLL },
    async drive(context) {
      const result = await context.handle.result();
      check(result.evaluation.status === 'SUCCEEDED', JSON.stringify(result.evaluation));
      check(context.simulator.counters().evaluationsTotal === 1, 'not exactly one evaluation');
    },
  },
  {
    workflow: 'evaluation',
    name: 'evaluation-timer-activity-succeeded',
    covers: 'createEvaluationWorkflow, timer-activity: create, two PENDING/PROCESSING reads, SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 } },
    input: { poll: FAST_POLL, pollingDesign: 'timer-activity' },
    async drive(context) {
      const result = await context.handle.result();
      check(result.evaluation.status === 'SUCCEEDED' && result.polls === 3, `${result.polls} reads`);
    },
  },
  {
    workflow: 'evaluation',
    name: 'evaluation-failed',
    covers: 'createEvaluationWorkflow: DataFramer ends the evaluation FAILED: the workflow fails with EvaluationFailed',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { poll: FAST_POLL },
    async drive(context) {
      const { id } = await context.waitFor(
        (p) => waitingOnEvaluation(p) && context.simulator.counters().jobRequests['evaluation-get'] >= 1,
      );
      context.simulator.control.failEvaluation(id!, 'judge model unavailable');
      const type = await failureTypeOf(context.handle);
      check(type === 'EvaluationFailed', `failed with ${type}`);
    },
  },
  {
    workflow: 'evaluation',
    name: 'evaluation-mid-wait',
    covers: 'createEvaluationWorkflow, activity-retry: caught waiting after 3+ PENDING/PROCESSING reads',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { poll: FAST_POLL },
    async drive(context) {
      await context.waitFor(
        (p) => waitingOnEvaluation(p) && context.simulator.counters().jobRequests['evaluation-get'] >= 3,
      );
    },
  },
];
