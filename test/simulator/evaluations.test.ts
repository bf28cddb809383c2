import assert from 'node:assert/strict';
import { EVALUATION_DATA_PLANE_REASON, startSimulator, type RunningSimulator } from '../../src/simulator';
import { call, createSeedless } from './helpers';

const EVALUATIONS = '/api/dataframer/evaluations/';

async function succeededRun(sim: RunningSimulator, name: string, samples = 6): Promise<string> {
  const specId = await createSeedless(sim, name);
  sim.control.complete(specId);
  const created = await call(sim, 'POST', '/api/dataframer/runs/', {
    body: { spec_id: specId, number_of_samples: samples },
  });
  const runId = (created.json as { id: string }).id;
  sim.control.completeRun(runId);
  return runId;
}

async function getEvaluation(sim: RunningSimulator, id: string): Promise<Record<string, unknown>> {
  const answer = await call(sim, 'GET', `${EVALUATIONS}${id}/`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json as Record<string, unknown>;
}

describe('simulator evaluations', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ completion: { afterReads: 2 } });
  });
  after(async () => sim.close());

  it('evaluates a SUCCEEDED run: PENDING → PROCESSING → SUCCEEDED with a score, distributions and one classification per sample', async () => {
    const runId = await succeededRun(sim, 'evaluation-happy', 6);
    const created = await call(sim, 'POST', EVALUATIONS, { body: { run_id: runId } });
    assert.equal(created.status, 201, created.text);
    const evaluation = created.json as { id: string; status: string; run_id: string };
    assert.deepEqual([evaluation.status, evaluation.run_id], ['PENDING', runId]);
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push(await getEvaluation(sim, evaluation.id));
    assert.deepEqual(
      reads.map((r) => r.status),
      ['PENDING', 'PROCESSING', 'SUCCEEDED'],
    );
    assert.deepEqual(
      [reads[0]!.conformance_score, reads[0]!.distribution_analysis, reads[0]!.sample_classifications],
      [null, null, []],
    );
    const done = reads[2]!;
    assert.ok(typeof done.conformance_score === 'number' && done.conformance_score >= 0.8);
    const analysis = done.distribution_analysis as { property_name: string; total_samples: number }[];
    assert.deepEqual(
      analysis.map((a) => a.property_name),
      ['sentiment', 'length', 'topic'],
    );
    const classifications = done.sample_classifications as { sample_identifier: string; evaluation_id: string }[];
    assert.equal(classifications.length, 6);
    assert.ok(classifications.every((c) => c.evaluation_id === evaluation.id));
    assert.equal(done.error_message, null);
    assert.equal(sim.counters().evaluationsCreatedByRun[runId], 1);
  });

  it('lists a run’s evaluations newest first, and 404s for an unknown run', async () => {
    const runId = await succeededRun(sim, 'evaluation-list');
    const first = (await call(sim, 'POST', EVALUATIONS, { body: { run_id: runId } })).json as { id: string };
    const second = (await call(sim, 'POST', EVALUATIONS, { body: { run_id: runId, evaluation_model: 'x/y' } }))
      .json as {
      id: string;
    };
    const list = await call(sim, 'GET', `/api/dataframer/runs/${runId}/evaluations/`);
    assert.deepEqual(
      (list.json as { id: string }[]).map((e) => e.id),
      [second.id, first.id],
    );
    assert.ok((list.json as Record<string, unknown>[]).every((e) => !('sample_classifications' in e)));
    assert.equal(
      (await call(sim, 'GET', '/api/dataframer/runs/3f1c2b8e-0000-4000-8000-000000000000/evaluations/')).status,
      404,
    );
  });

  it('refuses evaluations of a missing or unfinished run and unknown fields', async () => {
    sim.control.resetCounters();
    const specId = await createSeedless(sim, 'evaluation-early');
    sim.control.complete(specId);
    const pending = (
      await call(sim, 'POST', '/api/dataframer/runs/', { body: { spec_id: specId, number_of_samples: 2 } })
    ).json as { id: string };
    const cases: [unknown, RegExp][] = [
      [{ run_id: pending.id }, /SUCCEEDED status \(it is PENDING\)/],
      [{ run_id: '3f1c2b8e-0000-4000-8000-000000000000' }, /Run not found/],
      [{ run_id: 'nope' }, /valid UUID/],
      [{}, /required/],
      [{ run_id: pending.id, model: 'x' }, /Unknown field/],
      [{ run_id: pending.id, evaluation_model: '' }, /blank/],
    ];
    for (const [body, message] of cases) {
      const answer = await call(sim, 'POST', EVALUATIONS, { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(answer.json), message);
    }
    assert.equal(sim.counters().evaluationsTotal, 0);
  });

  it('fails by hand with error_message, and has no cancel endpoint', async () => {
    const runId = await succeededRun(sim, 'evaluation-fail');
    const { id } = (await call(sim, 'POST', EVALUATIONS, { body: { run_id: runId } })).json as { id: string };
    sim.control.failEvaluation(id, 'The judge model timed out.');
    const failed = await getEvaluation(sim, id);
    assert.deepEqual([failed.status, failed.error_message], ['FAILED', 'The judge model timed out.']);
    assert.equal((await call(sim, 'POST', `${EVALUATIONS}${id}/cancel/`)).status, 404);
    assert.equal((await call(sim, 'DELETE', `${EVALUATIONS}${id}/`)).status, 405);
  });

  it('an ambiguous evaluation create still makes the evaluation', async () => {
    const runId = await succeededRun(sim, 'evaluation-ambiguous');
    sim.control.injectOnce('ambiguousCreate', { endpoint: 'evaluation-create', mode: '500' });
    assert.equal((await call(sim, 'POST', EVALUATIONS, { body: { run_id: runId } })).status, 500);
    assert.equal(sim.counters().evaluationsCreatedByRun[runId], 1);
  });

  it('keeps results in the data plane when asked: empty lists, a reason and a location', async () => {
    const dataPlane = await startSimulator({ completion: { afterReads: 0 }, dataPlane: true });
    try {
      const runId = await succeededRun(dataPlane, 'evaluation-data-plane');
      const { id } = (await call(dataPlane, 'POST', EVALUATIONS, { body: { run_id: runId } })).json as { id: string };
      const done = await getEvaluation(dataPlane, id);
      assert.equal(done.status, 'SUCCEEDED');
      assert.deepEqual([done.sample_classifications, done.distribution_analysis], [[], []]);
      assert.equal(done.content_unavailable_reason, EVALUATION_DATA_PLANE_REASON);
      assert.equal((done.content_location as { data_plane: boolean }).data_plane, true);
    } finally {
      await dataPlane.close();
    }
  });
});
