import assert from 'node:assert/strict';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call, createSeedless, eventually } from './helpers';

const RUNS = '/api/dataframer/runs/';

interface RunJson {
  id: string;
  status: string;
  samples_completed: number;
  samples_failed: number;
  total_cost: number;
  completed_at: string | null;
  generated_files: { id: string; path: string; file_type: string; size_bytes: number }[];
  runtime_params: Record<string, unknown>;
  [field: string]: unknown;
}

async function succeededSpec(sim: RunningSimulator, name: string): Promise<string> {
  const id = await createSeedless(sim, name);
  sim.control.complete(id, 'SUCCEEDED');
  return id;
}

async function startRun(sim: RunningSimulator, specId: string, samples = 10, extra = {}): Promise<RunJson> {
  const answer = await call(sim, 'POST', RUNS, { body: { spec_id: specId, number_of_samples: samples, ...extra } });
  assert.equal(answer.status, 201, answer.text);
  return answer.json as RunJson;
}

async function getRun(sim: RunningSimulator, id: string): Promise<RunJson> {
  const answer = await call(sim, 'GET', `${RUNS}${id}/`);
  assert.equal(answer.status, 200, answer.text);
  return answer.json as RunJson;
}

describe('simulator runs', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ completion: { afterReads: 3 } });
  });
  after(async () => sim.close());

  it('starts a run of a SUCCEEDED spec: 201 with the run, PENDING, its parameters echoed', async () => {
    const specId = await succeededSpec(sim, 'run-happy');
    const run = await startRun(sim, specId, 10, { generation_model: 'openai/gpt-6-astra', skip_outline: true });
    assert.match(run.id, /^[0-9a-f-]{36}$/);
    assert.equal(run.status, 'PENDING');
    assert.equal(run.spec_id, specId);
    assert.equal(run.spec_name, 'run-happy');
    assert.equal(run.spec_version, 1);
    assert.deepEqual(run.runtime_params, {
      number_of_samples: 10,
      generation_model: 'openai/gpt-6-astra',
      skip_outline: true,
    });
    assert.deepEqual([run.samples_completed, run.total_cost, run.completed_at, run.generated_files], [0, 0, null, []]);
    assert.equal(sim.counters().runsCreatedBySpec[specId], 1);
  });

  it('goes PENDING → PROCESSING with samples and cost growing → SUCCEEDED with one file per sample', async () => {
    const specId = await succeededSpec(sim, 'run-progress');
    const { id } = await startRun(sim, specId, 300);
    const reads = [await getRun(sim, id), await getRun(sim, id), await getRun(sim, id), await getRun(sim, id)];
    assert.deepEqual(
      reads.map((r) => r.status),
      ['PENDING', 'PROCESSING', 'PROCESSING', 'SUCCEEDED'],
    );
    const completed = reads.map((r) => r.samples_completed);
    assert.ok(completed[1]! > 0 && completed[2]! > completed[1]!, `growing: ${completed.join(', ')}`);
    assert.ok(reads[2]!.total_cost > reads[1]!.total_cost);
    const done = reads[3]!;
    assert.equal(done.samples_completed + done.samples_failed, 300);
    assert.equal(done.generated_files.length, done.samples_completed);
    assert.ok(done.total_cost > 0 && typeof done.completed_at === 'string');
    assert.deepEqual(Object.keys(done.generated_files[0]!).sort(), ['file_type', 'id', 'path', 'size_bytes']);
  });

  it('refuses runs of a missing or unfinished spec, bad counts and unknown fields, creating nothing', async () => {
    sim.control.resetCounters();
    const processing = await createSeedless(sim, 'run-too-early');
    const cases: [unknown, string, RegExp][] = [
      [{ spec_id: processing, number_of_samples: 5 }, 'spec_id', /SUCCEEDED status \(it is PROCESSING\)/],
      [{ spec_id: '3f1c2b8e-0000-4000-8000-000000000000', number_of_samples: 5 }, 'spec_id', /Spec not found/],
      [{ spec_id: processing, number_of_samples: 0 }, 'number_of_samples', /greater than or equal to 1/],
      [{ spec_id: processing, number_of_samples: 20_001 }, 'number_of_samples', /less than or equal to 20000/],
      [{ spec_id: processing, number_of_samples: true }, 'number_of_samples', /valid integer/],
      [{ spec_id: 'nope', number_of_samples: 5 }, 'spec_id', /valid UUID/],
      [{ number_of_samples: 5 }, 'spec_id', /required/],
      [{ spec_id: processing, number_of_samples: 5, colour: 'red' }, 'non_field_errors', /Unknown field\(s\): colour/],
      [{ spec_id: processing, number_of_samples: 5, revision_types: ['tone'] }, 'revision_types', /one of/],
    ];
    for (const [body, field, message] of cases) {
      const answer = await call(sim, 'POST', RUNS, { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(String((answer.json as Record<string, string[]>)[field]), message, JSON.stringify(body));
    }
    const seedlessSpec = await succeededSpec(sim, 'run-distinct');
    const distinct = await call(sim, 'POST', RUNS, {
      body: { spec_id: seedlessSpec, number_of_samples: 5, revision_types: ['distinguishability'] },
    });
    assert.equal(distinct.status, 400);
    const version = await call(sim, 'POST', RUNS, {
      body: { spec_id: seedlessSpec, number_of_samples: 5, spec_version: 2 },
    });
    assert.deepEqual(version.json, { spec_version: ['Spec version 2 does not exist.'] });
    assert.equal(sim.counters().runsTotal, 0);
  });

  it('lists summaries newest first as a bare array, without files or parameters', async () => {
    const specId = await succeededSpec(sim, 'run-list');
    const older = await startRun(sim, specId);
    const newer = await startRun(sim, specId);
    const answer = await call(sim, 'GET', RUNS);
    const list = answer.json as Record<string, unknown>[];
    assert.ok(Array.isArray(list));
    assert.deepEqual(
      list.filter((r) => r.spec_id === specId).map((r) => r.id),
      [newer.id, older.id],
    );
    assert.ok(list.every((r) => !('generated_files' in r) && !('runtime_params' in r) && 'created_at' in r));
  });

  it('cancels only PENDING or PROCESSING runs: 204 with no body, then 400', async () => {
    const specId = await succeededSpec(sim, 'run-cancel');
    const { id } = await startRun(sim, specId);
    const canceled = await call(sim, 'POST', `${RUNS}${id}/cancel/`);
    assert.deepEqual([canceled.status, canceled.text], [204, '']);
    const run = await getRun(sim, id);
    assert.equal(run.status, 'CANCELED');
    assert.equal((await getRun(sim, id)).status, 'CANCELED', 'stays canceled past afterReads');
    const again = await call(sim, 'POST', `${RUNS}${id}/cancel/`);
    assert.equal(again.status, 400);
    assert.match(String((again.json as { detail: string }).detail), /Only PENDING or PROCESSING/);
    assert.equal((await call(sim, 'POST', `${RUNS}3f1c2b8e-0000-4000-8000-000000000000/cancel/`)).status, 404);
    assert.ok(sim.counters().runsCanceled >= 1);
  });

  it('deletes runs (204, then 404) and answers 405 with Allow for wrong methods', async () => {
    const specId = await succeededSpec(sim, 'run-delete');
    const { id } = await startRun(sim, specId);
    assert.equal((await call(sim, 'DELETE', `${RUNS}${id}/`)).status, 204);
    assert.equal((await call(sim, 'GET', `${RUNS}${id}/`)).status, 404);
    assert.equal((await call(sim, 'DELETE', `${RUNS}${id}/`)).status, 404);
    const put = await call(sim, 'PUT', `${RUNS}${id}/`);
    assert.deepEqual([put.status, put.headers.get('allow')], [405, 'GET, DELETE']);
    assert.equal((await call(sim, 'GET', `${RUNS}${id}/cancel/`)).status, 405);
  });

  it('serves a presigned URL per file and a ZIP that answers 202 while building, then 200', async () => {
    const specId = await succeededSpec(sim, 'run-files');
    const { id } = await startRun(sim, specId, 4);
    const early = await call(sim, 'GET', `${RUNS}${id}/files/download/`);
    assert.equal(early.status, 400, 'no files before SUCCEEDED');
    const run = sim.control.completeRun(id) as unknown as RunJson;
    const file = run.generated_files[0]!;
    const link = await call(sim, 'GET', `${RUNS}${id}/files/${file.id}/download/`);
    assert.equal(link.status, 200);
    const body = link.json as { download_url: string; filename: string; content_type: string };
    assert.match(body.download_url, /^https:\/\/.*X-Amz-Expires=3600/);
    assert.equal(body.content_type, 'text/plain');
    assert.equal((await call(sim, 'GET', `${RUNS}${id}/files/nope/download/`)).status, 404);
    const building = await call(sim, 'GET', `${RUNS}${id}/files/download/`);
    assert.equal(building.status, 202);
    const ready = await call(sim, 'GET', `${RUNS}${id}/files/download/`);
    assert.equal(ready.status, 200);
    assert.match((ready.json as { download_url: string }).download_url, /all_files\.zip/);
    assert.ok((ready.json as { size_bytes: number }).size_bytes > 0);
  });

  it('fails runs by hand with error_message, and times them with afterMs like specs', async () => {
    const specId = await succeededSpec(sim, 'run-fail');
    const { id } = await startRun(sim, specId);
    sim.control.failRun(id, 'Generation failed: quota exhausted');
    const failed = await getRun(sim, id);
    assert.deepEqual(
      [failed.status, failed.error_message, failed.generated_files],
      ['FAILED', 'Generation failed: quota exhausted', []],
    );
    let now = Date.now();
    const timed = await startSimulator({ completion: { afterMs: 1_000 }, clock: () => now });
    try {
      const timedSpec = await createSeedless(timed, 'timed');
      timed.control.complete(timedSpec);
      const { id: runId } = await startRun(timed, timedSpec, 100);
      now += 500;
      const half = await getRun(timed, runId);
      assert.deepEqual([half.status, half.samples_completed], ['PROCESSING', 50]);
      now += 500;
      assert.equal((await getRun(timed, runId)).status, 'SUCCEEDED');
    } finally {
      await timed.close();
    }
  });

  it('applies fault plans to run endpoints: an ambiguous run create (500 or drop) still makes the run', async () => {
    const specId = await succeededSpec(sim, 'run-ambiguous');
    sim.control.resetCounters();
    sim.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' });
    const lost = await call(sim, 'POST', RUNS, { body: { spec_id: specId, number_of_samples: 2 } });
    assert.equal(lost.status, 500);
    sim.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: 'drop' });
    await assert.rejects(call(sim, 'POST', RUNS, { body: { spec_id: specId, number_of_samples: 2 } }));
    await eventually(() => assert.equal(sim.counters().runsCreatedBySpec[specId], 2));
    assert.equal(sim.counters().faults.ambiguousCreate, 2);
    sim.control.injectOnce('unknownStatus', { endpoint: 'run-get' });
    const [first] = sim.runs().filter((r) => r.spec_id === specId);
    assert.equal((await getRun(sim, first!.id as string)).status, 'IN_PROGRESS');
    assert.equal(sim.counters().jobRequests['run-create'], 2);
    assert.equal(sim.counters().jobRequests['run-get'], 1);
  });

  it('pages the run and evaluation lists like the spec list with listPageSize, and our client follows them', async () => {
    const paged = await startSimulator({ completion: { manual: true }, listPageSize: 2 });
    const client = new DataFramerClient({ baseUrl: paged.url, apiKey: paged.apiKey });
    try {
      const specId = await createSeedless(paged, 'paged');
      paged.control.complete(specId);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await startRun(paged, specId, 1)).id);
      const first = await call(paged, 'GET', RUNS);
      assert.deepEqual(Object.keys(first.json as object), ['count', 'next', 'previous', 'results']);
      assert.deepEqual(
        (await client.listRuns()).map((r) => r.id),
        [...ids].reverse(),
      );
      assert.equal(paged.counters().jobRequests['run-list'], 4);
      paged.control.completeRun(ids[0]!);
      for (let i = 0; i < 3; i++) await client.createEvaluation({ run_id: ids[0]! });
      assert.equal((await client.listRunEvaluations(ids[0]!)).length, 3);
    } finally {
      await client.close();
      await paged.close();
    }
  });

  it('ends runs and evaluations over the HTTP control API too', async () => {
    const specId = await succeededSpec(sim, 'run-http-control');
    const { id } = await startRun(sim, specId, 2);
    const failed = await call(sim, 'POST', `/_simulator/runs/fail/${id}/`, { body: { message: 'quota' } });
    assert.deepEqual(
      [failed.status, (failed.json as RunJson).status, (failed.json as RunJson).error_message],
      [200, 'FAILED', 'quota'],
    );
    assert.equal((await call(sim, 'POST', `/_simulator/runs/fail/${id}/`, { body: {} })).status, 400);
    assert.equal(
      (await call(sim, 'POST', '/_simulator/runs/complete/3f1c2b8e-0000-4000-8000-000000000000/')).status,
      404,
    );
    const next = await startRun(sim, specId, 2);
    const completed = await call(sim, 'POST', `/_simulator/runs/complete/${next.id}/`);
    assert.equal((completed.json as RunJson).status, 'SUCCEEDED');
    const evaluation = (await call(sim, 'POST', '/api/dataframer/evaluations/', { body: { run_id: next.id } }))
      .json as {
      id: string;
    };
    const ended = await call(sim, 'POST', `/_simulator/evaluations/fail/${evaluation.id}/`, {
      body: { message: 'judge down' },
    });
    assert.deepEqual(
      [(ended.json as { status: string }).status, (ended.json as { error_message: string }).error_message],
      ['FAILED', 'judge down'],
    );
  });
});

describe('simulator runs and evaluations under adoption strictness', () => {
  it("stamp created_at on DataFramer's clock (clockSkewMs), list only past listLag, echo the model when asked", async () => {
    const sim = await startSimulator({
      completion: { manual: true },
      clockSkewMs: -45_000,
      listLag: { afterListCalls: 1 },
      echoEvaluationModel: true,
    });
    const client = new DataFramerClient({ baseUrl: sim.url, apiKey: sim.apiKey });
    try {
      const specId = await succeededSpec(sim, `strict-${Date.now()}`);
      const before = Date.now();
      const run = await startRun(sim, specId, 2);
      const behindMs = before - Date.parse(String(run.created_at));
      assert.ok(behindMs > 44_000 && behindMs < 47_000, `created_at ${behindMs} ms behind`);
      const first = await client.listRunsTimed();
      assert.equal(first.items.length, 0, 'the first list call after the create does not show it');
      const second = await client.listRunsTimed();
      assert.deepEqual(
        second.items.map((r) => r.id),
        [run.id],
      );
      const offset = second.serverClockOffsetMs ?? 0;
      assert.ok(offset < -43_000 && offset > -47_000, `Date header offset ${offset}`);
      sim.control.completeRun(run.id);
      const evaluation = await client.createEvaluation({ run_id: run.id, evaluation_model: 'judge/a' });
      assert.equal(evaluation.evaluation_model, 'judge/a');
      assert.equal((await client.listRunEvaluationsTimed(run.id)).items.length, 0, 'lagging, as runs');
      assert.equal((await client.listRunEvaluationsTimed(run.id)).items.length, 1);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
