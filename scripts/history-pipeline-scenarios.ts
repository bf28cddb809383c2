// The specPipelineWorkflow scenarios of `npm run record-histories`: spec → run → evaluation to the
// end, a pipeline caught in its spec step and in its run step, a run that FAILED, a cancellation in
// the run step, and continue-as-new in the run step. Each also records the pipeline's
// createSpecWorkflow child (`<name>.spec-child.json`): the spec step's history is the child's.
import { getPipelineProgressQuery, getProgressQuery, type SpecPipelineProgress } from '../src/workflows';
import type { ScenarioContext, ScenarioOf } from './history-scenario';
import { check, failureTypeOf, FAST_POLL, MANUAL, settle, waitUntil } from './history-scenario-helpers';

type PipelineScenario = ScenarioOf<'pipeline'>;

const RUN = { number_of_samples: 3 };

/** Run-status reads the simulator answered (the activity-retry design's reads never reach the history). */
const runReads = (context: ScenarioContext<'pipeline'>) => context.simulator.counters().jobRequests['run-get'];

/** The pipeline's spec child, once the pipeline named it. */
async function specChild(context: ScenarioContext<'pipeline'>) {
  const { specWorkflowId } = await context.waitFor((p) => p.specWorkflowId !== undefined);
  return context.client.workflow.getHandle(specWorkflowId!);
}

/** Lets the spec step end: waits for the child to create its spec and read it once, then ends it SUCCEEDED. */
async function passSpecStep(context: ScenarioContext<'pipeline'>): Promise<void> {
  const child = await specChild(context);
  let specId: string | undefined;
  await waitUntil('the spec child created its spec and read it', async () => {
    // The child cannot answer before its first workflow task: not an error, just not yet.
    specId = (await child.query(getProgressQuery).catch(() => undefined))?.specId;
    return specId !== undefined && context.simulator.counters().requests.get >= 1;
  });
  context.simulator.control.complete(specId!, 'SUCCEEDED');
}

/** The run step waits on its run, which the simulator answered `reads` times. */
const inRunStep = (context: ScenarioContext<'pipeline'>, reads: number) => (p: SpecPipelineProgress) =>
  p.step === 'run' && p.runId !== undefined && p.stepProgress?.phase === 'waiting' && runReads(context) >= reads;

/** Every pipeline scenario, in the order of the index. */
export const PIPELINE_SCENARIOS: readonly PipelineScenario[] = [
  {
    workflow: 'pipeline',
    name: 'pipeline-complete',
    covers:
      'specPipelineWorkflow: the spec child SUCCEEDED after two reads, then the run and the evaluation in-line, each SUCCEEDED after two reads; one spec, one run, one evaluation',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 2 } },
    input: { run: RUN, evaluation: {}, poll: FAST_POLL },
    async drive(context) {
      const result = await context.handle.result();
      const { specsTotal, runsTotal, evaluationsTotal } = context.simulator.counters();
      check(result.evaluationId !== undefined, 'no evaluation in the result');
      check(
        specsTotal === 1 && runsTotal === 1 && evaluationsTotal === 1,
        `${specsTotal}/${runsTotal}/${evaluationsTotal}`,
      );
    },
  },
  {
    workflow: 'pipeline',
    name: 'pipeline-spec-mid-wait',
    covers:
      'specPipelineWorkflow: caught in its spec step, waiting on its spec child, which waits after 2+ PROCESSING reads (the child is caught mid-wait too)',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { run: RUN, poll: FAST_POLL },
    async drive(context) {
      const child = await specChild(context);
      await waitUntil('the spec child read its spec twice', () => context.simulator.counters().requests.get >= 2);
      const progress = await context.handle.query(getPipelineProgressQuery);
      check(progress.step === 'spec', `in step ${progress.step}`);
      check((await child.query(getProgressQuery)).phase === 'waiting', 'the child is not waiting');
    },
  },
  {
    workflow: 'pipeline',
    name: 'pipeline-run-mid-wait',
    covers:
      'specPipelineWorkflow, activity-retry: the spec child SUCCEEDED; caught in the run step, waiting after 3+ PENDING/PROCESSING reads',
    capture: 'mid-wait',
    expectedStatus: 'RUNNING',
    simulator: MANUAL,
    input: { run: RUN, evaluation: {}, poll: FAST_POLL },
    async drive(context) {
      await passSpecStep(context);
      await context.waitFor(inRunStep(context, 3));
    },
  },
  {
    workflow: 'pipeline',
    name: 'pipeline-run-failed',
    covers:
      'specPipelineWorkflow: the spec child SUCCEEDED, then DataFramer ends the run FAILED: the pipeline fails with RunGenerationFailed naming step run',
    capture: 'complete',
    expectedStatus: 'FAILED',
    simulator: MANUAL,
    input: { run: RUN, evaluation: {}, poll: FAST_POLL },
    async drive(context) {
      await passSpecStep(context);
      const { runId } = await context.waitFor(inRunStep(context, 1));
      context.simulator.control.failRun(runId!, 'out of credits');
      const type = await failureTypeOf(context.handle);
      const { failedStep } = await context.handle.query(getPipelineProgressQuery);
      check(type === 'RunGenerationFailed' && failedStep === 'run', `failed with ${type} in step ${failedStep}`);
    },
  },
  {
    workflow: 'pipeline',
    name: 'pipeline-cancel-run',
    covers:
      "specPipelineWorkflow with onCancel 'cancel': the spec child SUCCEEDED; cancelled in the run step, which cancels the run on DataFramer",
    capture: 'complete',
    expectedStatus: 'CANCELLED',
    simulator: MANUAL,
    input: { run: RUN, poll: FAST_POLL, onCancel: 'cancel' },
    async drive(context) {
      await passSpecStep(context);
      await context.waitFor(inRunStep(context, 1));
      await context.handle.cancel();
      await settle(context);
      const { runsCanceled } = context.simulator.counters();
      check(runsCanceled === 1, `${runsCanceled} runs canceled`);
    },
  },
  {
    workflow: 'pipeline',
    name: 'pipeline-continue-as-new',
    covers:
      'specPipelineWorkflow, timer-activity with continueAsNewAfterReads 2, no evaluation: the spec child SUCCEEDED after 5 reads, then the run step continued as new twice (state carried) and SUCCEEDED',
    capture: 'complete',
    expectedStatus: 'COMPLETED',
    simulator: { completion: { afterReads: 5 } },
    input: { run: RUN, poll: FAST_POLL, pollingDesign: 'timer-activity', continueAsNewAfterReads: 2 },
    async drive(context) {
      const result = await context.handle.result();
      const { runs, step } = await context.handle.query(getPipelineProgressQuery);
      check(result.evaluationId === undefined && step === 'done', `step ${step}`);
      check(runs === 3, `${runs} runs`);
    },
  },
];
