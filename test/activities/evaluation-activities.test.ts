import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { failureOf, inAttempt, startWorld, type SimulatedWorld } from './support/activity-harness';

describe('evaluation activities', () => {
  let world: SimulatedWorld;
  before(async () => {
    world = await startWorld({
      simulator: { completion: { manual: true } },
      activities: { maxFinalViewBytes: 32 * 1024 },
    });
  });
  beforeEach(() => world.simulator.control.resetCounters());
  after(async () => world.close());

  async function succeededRun(samples: number): Promise<string> {
    const { id: specId } = await world.client.createSpec({ name: `eval-${randomUUID()}`, generation_objectives: 'x' });
    world.simulator.control.complete(specId);
    const run = await world.client.createRun({ spec_id: specId, number_of_samples: samples });
    world.simulator.control.completeRun(run.id);
    return run.id;
  }

  for (const [mode, type] of [
    ['500', 'InternalServerError'],
    ['drop', 'ConnectionError'],
  ] as const) {
    it(`ambiguous evaluation create (${mode}): attempt 2 adopts it, exactly one evaluation exists`, async () => {
      const runId = await succeededRun(3);
      const scheduledTimestampMs = Date.now();
      world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'evaluation-create', mode });
      const first = await failureOf(
        inAttempt({ scheduledTimestampMs }, () => world.activities.createEvaluation({ run_id: runId })),
      );
      assert.deepEqual([first.type, first.nonRetryable], [type, false]);
      const second = await inAttempt({ scheduledTimestampMs, attempt: 2 }, () =>
        world.activities.createEvaluation({ run_id: runId }),
      );
      const stored = world.simulator.evaluations().filter((e) => e.run_id === runId);
      assert.equal(stored.length, 1);
      assert.deepEqual([second.id, second.adopted, second.source], [stored[0]?.id, true, 'list']);
      assert.equal(world.simulator.counters().evaluationsCreatedByRun[runId], 1);
      assert.equal(world.simulator.counters().jobRequests['evaluation-create'], 1);
    });
  }

  it('refuses an invalid request before any HTTP call, and the API refuses an unfinished run', async () => {
    const invalid = await failureOf(inAttempt({}, () => world.activities.createEvaluation({ run_id: 'r1' })));
    assert.deepEqual([invalid.type, invalid.nonRetryable], ['InvalidRequestError', true]);
    assert.equal(world.simulator.counters().jobRequests['evaluation-create'], 0);
    const { id: specId } = await world.client.createSpec({ name: `eval-${randomUUID()}`, generation_objectives: 'x' });
    world.simulator.control.complete(specId);
    const pending = await world.client.createRun({ spec_id: specId, number_of_samples: 1 });
    const refused = await failureOf(inAttempt({}, () => world.activities.createEvaluation({ run_id: pending.id })));
    assert.deepEqual([refused.type, refused.nonRetryable], ['BadRequestError', true]);
    assert.match(refused.message, /SUCCEEDED status/);
  });

  it('views: small while running; the evaluation once SUCCEEDED, classifications left out when too large', async () => {
    for (const [samples, fits] of [
      [5, true],
      [1_000, false],
    ] as const) {
      const runId = await succeededRun(samples);
      const { id } = await inAttempt({}, () => world.activities.createEvaluation({ run_id: runId }));
      const running = await inAttempt({}, () => world.activities.getEvaluationStatus(id));
      assert.deepEqual([running.status, running.terminal, running.final], ['PENDING', false, undefined]);
      assert.ok(JSON.stringify(running).length < 300);
      world.simulator.control.completeEvaluation(id);
      const done = await inAttempt({}, () => world.activities.getEvaluationStatus(id));
      assert.deepEqual([done.status, done.outcome], ['SUCCEEDED', 'succeeded']);
      assert.equal(typeof done.progress.conformanceScore, 'number');
      assert.ok(JSON.stringify(done).length < 32 * 1024);
      if (fits) {
        assert.equal(done.final?.sample_classifications?.length, 5);
        assert.equal(done.omitted, undefined);
      } else {
        assert.equal(done.final?.sample_classifications, undefined);
        assert.equal(done.omitted?.sample_classifications?.items, 996);
        assert.equal(done.final?.distribution_analysis, undefined, 'both large fields go');
        assert.equal(done.final?.id, id);
      }
    }
  });

  it('FAILED carries error_message', async () => {
    const runId = await succeededRun(2);
    const { id } = await inAttempt({}, () =>
      world.activities.createEvaluation({ run_id: runId, evaluation_model: 'x/y' }),
    );
    world.simulator.control.failEvaluation(id, 'The judge model timed out.');
    const failed = await inAttempt({}, () => world.activities.getEvaluationStatus(id));
    assert.deepEqual(
      [failed.status, failed.outcome, failed.errorMessage],
      ['FAILED', 'failed', 'The judge model timed out.'],
    );
  });
});
