// Property-based, on the time-skipping server: every workflow started with type-confused input (one
// field, or the whole input, of another JSON type) ends within a bound, succeeding or failing with a
// typed, non-retryable failure (InvalidInput naming the field for what the workflow checks), and no
// workflow task of it fails: a throw in workflow code would retry that task forever instead.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import fc from 'fast-check';
import { NON_RETRYABLE_FAILURE_TYPES } from '../../src/common/failure-types';
import {
  createEvaluationWorkflow,
  createRunWorkflow,
  createSpecsBatchItemWorkflow,
  createSpecsBatchWorkflow,
  createSpecWorkflow,
  specPipelineWorkflow,
  type BatchItemOutcome,
  type CreateSpecsBatchResult,
} from '../../src/workflows';
import { createSpecHarness, type SpecHarness } from '../support/spec-harness';
import { useTemporalWorld, type TemporalWorld } from '../support/temporal-world';
import { settleWithin, workflowTaskFailures } from '../workflows/support/stuck-tasks';
import { succeededRun, succeededSpec } from '../workflows/support/job-workflow-helpers';
import { CONFUSED_PATHS, confusedCases, isAbout, type ConfusedCase } from './support/confused-inputs';
import { FUZZ_SEED } from './support/seed';

/** Workflows per kind, all started at once on one worker: enough to meet every path, light on 2 cores. */
const CASES_PER_WORKFLOW = 30;
/** Real time the cases of one kind get to end: each takes well under a second of work. */
const BOUND_MS = 90_000;
/** Largest number generated: a duration under a year, which the time-skipping server can skip to. */
const MAX_NUMBER = 3e10;
const FAST_POLL = { initialInterval: '100 milliseconds', maximumInterval: '100 milliseconds', jitter: 0 };

const seedless = () => ({ name: `fuzz-${randomUUID()}`, generation_objectives: 'Short product reviews' });

type Kind = keyof typeof CONFUSED_PATHS;
type Workflow =
  | typeof createSpecWorkflow
  | typeof createRunWorkflow
  | typeof createEvaluationWorkflow
  | typeof specPipelineWorkflow
  | typeof createSpecsBatchWorkflow
  | typeof createSpecsBatchItemWorkflow;

/** How one case ended: `ok` (with the result), a failure type and the field it names, or stuck. */
type Ending = { path: string; ending: string; field?: string; result?: unknown; stuck: string[] };

function describeEnding(settled: Awaited<ReturnType<typeof settleWithin>>): Omit<Ending, 'path' | 'stuck'> {
  if (settled.status === 'resolved') return { ending: 'ok', result: settled.value };
  if (settled.status === 'timedOut') return { ending: 'timed out' };
  const err = settled.error;
  const cause = err instanceof WorkflowFailedError ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return { ending: `untyped: ${String(cause)}` };
  const field = (cause.details?.[0] as { field?: string } | undefined)?.field;
  return { ending: `${cause.type ?? 'untyped'}${cause.nonRetryable ? '' : ' (retryable)'}`, ...(field && { field }) };
}

/** Starts every case at once, then reads each ending (one result at a time, as the time-skipping server wants). */
async function runCases(
  world: TemporalWorld,
  h: SpecHarness,
  workflow: Workflow,
  cases: ConfusedCase[],
): Promise<Ending[]> {
  const handles: WorkflowHandle[] = await Promise.all(
    cases.map((c) =>
      world.env.client.workflow.start(workflow as typeof createSpecWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: `fuzz-${randomUUID()}`,
        args: [c.input as never],
      }),
    ),
  );
  const deadline = Date.now() + BOUND_MS;
  const endings: Ending[] = [];
  for (const [i, handle] of handles.entries()) {
    const settled = await settleWithin(handle.result(), Math.max(1_000, deadline - Date.now()));
    const stuck = await workflowTaskFailures(world.env.client, handle.workflowId);
    endings.push({ path: cases[i]!.path, ...describeEnding(settled), stuck });
  }
  return endings;
}

const TYPED = new Set(NON_RETRYABLE_FAILURE_TYPES);

/** The ending of every case is typed, no task failed, and an InvalidInput is about the confused field. */
function assertTyped(kind: Kind, endings: Ending[], innerFailures: (e: Ending) => string[] = () => []): void {
  const wrong = endings.filter((e) => e.stuck.length > 0 || (e.ending !== 'ok' && !TYPED.has(e.ending)));
  assert.deepEqual(wrong, [], `${kind}: cases that did not end typed`);
  for (const e of endings) {
    if (e.ending === 'InvalidInput') assert.ok(isAbout(e.field ?? '', e.path), `${e.path}: names ${e.field}`);
    for (const type of innerFailures(e)) assert.ok(TYPED.has(type), `${e.path}: an item failed with ${type}`);
  }
  const counts = endings.reduce<Record<string, number>>((n, e) => ({ ...n, [e.ending]: (n[e.ending] ?? 0) + 1 }), {});
  assert.ok((counts.InvalidInput ?? 0) + (counts.ok ?? 0) > 0, JSON.stringify(counts));
  console.log(`      ${kind}: ${JSON.stringify(counts)}`);
}

describe('fuzz: workflows started with type-confused input end typed, never stuck (time-skipping server)', function () {
  this.timeout(300_000);
  const world = useTemporalWorld('time-skipping');
  before(() =>
    console.log(
      `      fuzz seed ${FUZZ_SEED}, ${CASES_PER_WORKFLOW} cases per workflow (replay: FUZZ_SEED=${FUZZ_SEED})`,
    ),
  );
  const sample = (kind: Kind, base: () => unknown) =>
    fc.sample(confusedCases(base, CONFUSED_PATHS[kind], MAX_NUMBER), { seed: FUZZ_SEED, numRuns: CASES_PER_WORKFLOW });
  const harness = () => createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 0 } } });

  it(`createSpecWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    const cases = sample('createSpecWorkflow', () => ({ request: seedless(), poll: FAST_POLL }));
    assertTyped('createSpecWorkflow', await h.run(() => runCases(world, h, createSpecWorkflow, cases)));
  });

  it(`createRunWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    const endings = await h.run(async () => {
      const specId = await succeededSpec(h);
      const base = () => ({ request: { spec_id: specId, number_of_samples: 3 }, poll: FAST_POLL });
      return runCases(world, h, createRunWorkflow, sample('createRunWorkflow', base));
    });
    assertTyped('createRunWorkflow', endings);
  });

  it(`createEvaluationWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    const endings = await h.run(async () => {
      const runId = await succeededRun(h);
      const base = () => ({ request: { run_id: runId }, poll: FAST_POLL });
      return runCases(world, h, createEvaluationWorkflow, sample('createEvaluationWorkflow', base));
    });
    assertTyped('createEvaluationWorkflow', endings);
  });

  it(`specPipelineWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    const base = () => ({ spec: seedless(), run: { number_of_samples: 3 }, evaluation: {}, poll: FAST_POLL });
    const cases = sample('specPipelineWorkflow', base);
    assertTyped('specPipelineWorkflow', await h.run(() => runCases(world, h, specPipelineWorkflow, cases)));
  });

  it(`createSpecsBatchWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    const base = () => ({ requests: [seedless(), seedless()], concurrency: 2, poll: FAST_POLL });
    const cases = sample('createSpecsBatchWorkflow', base);
    const endings = await h.run(() => runCases(world, h, createSpecsBatchWorkflow, cases));
    assertTyped('createSpecsBatchWorkflow', endings, (e) =>
      ((e.result as CreateSpecsBatchResult | undefined)?.failures ?? []).map((f) => f.type),
    );
  });

  it(`createSpecsBatchItemWorkflow: ${CASES_PER_WORKFLOW} confused inputs`, async function () {
    const h = await harness();
    // No batch of that id runs: the item's signal fails, which it logs; its result is the outcome.
    const base = () => ({ index: 0, batchWorkflowId: `fuzz-batch-${randomUUID()}`, spec: { request: seedless() } });
    const cases = sample('createSpecsBatchItemWorkflow', base);
    const endings = await h.run(() => runCases(world, h, createSpecsBatchItemWorkflow, cases));
    assertTyped('createSpecsBatchItemWorkflow', endings, (e) => {
      const failure = (e.result as BatchItemOutcome | undefined)?.failure;
      return failure === undefined ? [] : [failure.type];
    });
  });
});
