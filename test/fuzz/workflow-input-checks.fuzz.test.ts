// Property-based, pure: the input checks of every workflow, and the id helpers, given type-confused
// input, either accept it or throw a non-retryable InvalidInput naming the field, never anything else
// (a TypeError thrown in workflow code fails the workflow task, which is retried forever).
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import fc from 'fast-check';
import { startCreateSpec, startCreateSpecsBatch } from '../../src/client';
import { batchWorkflowId } from '../../src/common/batch-ids';
import { specWorkflowId } from '../../src/common/constants';
import { InvalidInputError } from '../../src/common/input-checks';
import { resolveBatchSettings } from '../../src/workflows/batch/batch-settings';
import { checkSpecRequest, resolveWorkflowSettings } from '../../src/workflows/input-validation';
import { resolveCreateMaximumAttempts } from '../../src/workflows/waiting/job-create-options';
import { checkEvaluationRequest, checkRunRequest, resolveJobWaitInput } from '../../src/workflows/waiting/job-input';
import { CONFUSED_PATHS, confusedCases, confusedValue, isAbout, type ConfusedCase } from './support/confused-inputs';
import { FUZZ_RUNS, FUZZ_SEED, printFuzzSeed } from './support/seed';

const options = { seed: FUZZ_SEED, numRuns: FUZZ_RUNS };
const FAST_POLL = { initialInterval: '200 milliseconds', maximumInterval: '200 milliseconds', jitter: 0 };
const SPEC_REQUEST = { name: 'reviews', generation_objectives: 'Short product reviews' };
const RUN_REQUEST = { spec_id: '550e8400-e29b-41d4-a716-446655440000', number_of_samples: 3 };

/** Runs `check` on the case: it passes, or throws InvalidInput about the confused field; counts each. */
function expectTyped(counts: Map<string, number>, { path, input }: ConfusedCase, check: (input: never) => void) {
  try {
    check(input as never);
    counts.set('accepted', (counts.get('accepted') ?? 0) + 1);
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure, `${path}: threw ${String(err)}`);
    assert.equal(err.type, 'InvalidInput', `${path}: ${err.message}`);
    assert.equal(err.nonRetryable, true);
    const { field } = err.details?.[0] as { field: string };
    assert.ok(isAbout(field, path), `${path}: the failure names ${field}: ${err.message}`);
    counts.set('InvalidInput', (counts.get('InvalidInput') ?? 0) + 1);
  }
}

/** Every check a job workflow (run, evaluation, pipeline) makes of its input, in its order. */
function checkJobInput(workflow: string, input: Record<string, unknown>, request: () => void): void {
  request();
  resolveJobWaitInput(workflow, input);
  resolveCreateMaximumAttempts(workflow, input.createMaximumAttempts);
}

const CHECKS: Record<keyof typeof CONFUSED_PATHS, [base: () => unknown, check: (input: never) => void] | undefined> = {
  createSpecWorkflow: [() => ({ request: SPEC_REQUEST, poll: FAST_POLL }), resolveWorkflowSettings],
  createRunWorkflow: [
    () => ({ request: RUN_REQUEST, poll: FAST_POLL }),
    (input: Record<string, unknown>) =>
      checkJobInput('createRunWorkflow', input, () => checkRunRequest('createRunWorkflow', 'request', input?.request)),
  ],
  createEvaluationWorkflow: [
    () => ({ request: { run_id: 'r' }, poll: FAST_POLL }),
    (input: Record<string, unknown>) =>
      checkJobInput('createEvaluationWorkflow', input, () =>
        checkEvaluationRequest('createEvaluationWorkflow', 'request', input?.request),
      ),
  ],
  specPipelineWorkflow: [
    () => ({ spec: SPEC_REQUEST, run: { number_of_samples: 3 }, evaluation: {}, poll: FAST_POLL }),
    (input: Record<string, unknown>) =>
      checkJobInput('specPipelineWorkflow', input, () => {
        checkRunRequest('specPipelineWorkflow', 'run', input?.run, false);
        if (input.evaluation !== undefined) {
          checkEvaluationRequest('specPipelineWorkflow', 'evaluation', input.evaluation, false);
        }
        checkSpecRequest('specPipelineWorkflow', input.spec, 'spec');
      }),
  ],
  createSpecsBatchWorkflow: [
    () => ({ requests: [SPEC_REQUEST], concurrency: 2, poll: FAST_POLL }),
    resolveBatchSettings,
  ],
  // Its checks are the spec's (above) and its own index and batch id: see the server fuzz.
  createSpecsBatchItemWorkflow: undefined,
};

describe('fuzz: workflow input checks with type-confused values (pure)', () => {
  before(printFuzzSeed);

  for (const [workflow, entry] of Object.entries(CHECKS)) {
    if (entry === undefined) continue;
    const [base, check] = entry;
    it(`${workflow}: ${FUZZ_RUNS} confused inputs are accepted or fail with InvalidInput naming the field`, () => {
      const counts = new Map<string, number>();
      const paths = CONFUSED_PATHS[workflow as keyof typeof CONFUSED_PATHS];
      fc.assert(
        fc.property(confusedCases(base, paths), (c) => expectTyped(counts, c, check)),
        options,
      );
      assert.ok((counts.get('InvalidInput') ?? 0) > FUZZ_RUNS / 2, JSON.stringify([...counts]));
    });
  }

  it(`the id helpers throw InvalidInputError, never a TypeError, on ${FUZZ_RUNS} confused identities and names`, async () => {
    const started: string[] = [];
    const client = {
      workflow: { start: (_w: unknown, o: { workflowId: string }) => Promise.resolve(started.push(o.workflowId)) },
    } as unknown as Client;
    const identity = confusedCases(
      () => ({ name: 'reviews', dataset_id: RUN_REQUEST.spec_id }),
      ['', 'name', 'dataset_id'],
    );
    await fc.assert(
      fc.asyncProperty(identity, confusedValue(), async ({ input }, name) => {
        for (const call of [
          () => specWorkflowId(input as never),
          () => startCreateSpec(client, { request: input } as never),
          () => startCreateSpec(client, input as never),
          () => batchWorkflowId({ requests: [input] }, name as never),
          () => startCreateSpecsBatch(client, { requests: [] }, { name: name as never }),
        ]) {
          try {
            await call();
          } catch (err) {
            assert.ok(err instanceof InvalidInputError, `threw ${String(err)}`);
            assert.match(err.message, /^Invalid \w+ input: [\w.]+: /);
          }
        }
      }),
      options,
    );
    assert.ok(started.length > 0, 'some inputs were valid');
  });
});
