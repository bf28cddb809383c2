import assert from 'node:assert/strict';
import {
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
} from '../../src/dataframer';
import { rejectionOf, useScriptedClient } from './support/scripted-client';
import { json, resetSocket, text } from './support/scripted-server';

const SPEC_ID = '550e8400-e29b-41d4-a716-446655440000';
const RUN_ID = '6ba7b810-9dad-41d1-80b4-00c04fd430c8';
const EVALUATION_ID = '9b2f3c4d-1e2f-4a5b-8c9d-0e1f2a3b4c5d';
const RUN = {
  id: RUN_ID,
  status: 'PROCESSING',
  spec_id: SPEC_ID,
  samples_completed: 3,
  samples_failed: 0,
  total_cost: 0.04,
  runtime_params: { number_of_samples: 10, generation_model: 'm' },
  generated_files: [],
  some_new_field: { nested: true },
};

describe('DataFramer run and evaluation responses', () => {
  const ctx = useScriptedClient();
  const lastRequest = () => ctx.server.requests.at(-1);

  describe('runs', () => {
    it('createRun POSTs the validated body to /runs/ and accepts any 2xx with the run', async () => {
      ctx.server.reply(json(201, { ...RUN, status: 'PENDING' }));
      const run = await ctx.client.createRun({ spec_id: SPEC_ID, number_of_samples: 10 });
      assert.equal(run.id, RUN_ID);
      assert.equal(run.some_new_field !== undefined, true, 'unknown fields are kept');
      assert.equal(lastRequest()?.method, 'POST');
      assert.equal(lastRequest()?.url, '/api/dataframer/runs/');
      assert.deepEqual(JSON.parse(lastRequest()?.body ?? ''), { spec_id: SPEC_ID, number_of_samples: 10 });
      ctx.server.reply(json(202, { id: RUN_ID }));
      assert.equal((await ctx.client.createRun({ spec_id: SPEC_ID, number_of_samples: 1 })).id, RUN_ID);
    });

    it('createRun refuses a 2xx without an id (InvalidResponseError, retryable) and passes 400s on', async () => {
      ctx.server.reply(json(201, { status: 'PENDING' }));
      const noId = await rejectionOf(ctx.client.createRun({ spec_id: SPEC_ID, number_of_samples: 1 }));
      assert.ok(noId instanceof InvalidResponseError && noId.retryable);
      ctx.server.reply(json(400, { spec_id: ['Spec must be in SUCCEEDED status (it is PROCESSING).'] }));
      const refused = await rejectionOf(ctx.client.createRun({ spec_id: SPEC_ID, number_of_samples: 1 }));
      assert.ok(refused instanceof BadRequestError && !refused.retryable);
      assert.match(refused.message, /SUCCEEDED status/);
    });

    it('getRun reads /runs/{id}/ loosely: unknown fields and statuses pass, wrong-typed known fields do not', async () => {
      ctx.server.reply(json(200, { ...RUN, status: 'WARMING_UP' }));
      const run = await ctx.client.getRun(RUN_ID);
      assert.equal(run.status, 'WARMING_UP');
      assert.equal(lastRequest()?.url, `/api/dataframer/runs/${RUN_ID}/`);
      ctx.server.reply(json(200, { ...RUN, samples_completed: 'three' }));
      assert.ok((await rejectionOf(ctx.client.getRun(RUN_ID))) instanceof InvalidResponseError);
      ctx.server.reply(text(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }));
      assert.ok((await rejectionOf(ctx.client.getRun(RUN_ID))) instanceof InternalServerError);
      ctx.server.reply(json(404, { detail: 'Not found.' }));
      assert.ok((await rejectionOf(ctx.client.getRun(RUN_ID))) instanceof NotFoundError);
      ctx.server.reply(resetSocket);
      assert.ok((await rejectionOf(ctx.client.getRun(RUN_ID))) instanceof ConnectionError);
    });

    it('listRuns reads a bare array, and follows DRF pages', async () => {
      ctx.server.reply(json(200, [{ id: 'a' }, { id: 'b', extra: 1 }]));
      assert.deepEqual(
        (await ctx.client.listRuns()).map((r) => r.id),
        ['a', 'b'],
      );
      const next = `${ctx.server.baseUrl}/api/dataframer/runs/?page=2`;
      ctx.server.reply(
        json(200, { count: 3, next, results: [{ id: 'a' }] }),
        json(200, { next: null, results: [{ id: 'b' }, { id: 'c' }] }),
      );
      assert.deepEqual(
        (await ctx.client.listRuns()).map((r) => r.id),
        ['a', 'b', 'c'],
      );
      assert.equal(lastRequest()?.url, '/api/dataframer/runs/?page=2');
    });

    it('listRuns refuses a next link to another host and a looping list', async () => {
      ctx.server.reply(json(200, { next: 'https://evil.example/api/dataframer/runs/?page=2', results: [] }));
      assert.ok((await rejectionOf(ctx.client.listRuns())) instanceof InvalidResponseError);
      ctx.server.always(json(200, { next: `${ctx.server.baseUrl}/api/dataframer/runs/`, results: [] }));
      assert.match(String(await rejectionOf(ctx.client.listRuns())), /loops/);
    });

    it('cancelRun POSTs /runs/{id}/cancel/ and accepts 204, an empty 200 and a JSON 200', async () => {
      ctx.server.reply(text(204, ''), text(200, ''), json(200, { status: 'CANCELED' }));
      for (let i = 0; i < 3; i++) assert.equal(await ctx.client.cancelRun(RUN_ID), undefined);
      assert.deepEqual(
        ctx.server.requests.map((r) => `${r.method} ${r.url}`),
        Array(3).fill(`POST /api/dataframer/runs/${RUN_ID}/cancel/`),
      );
      ctx.server.reply(json(400, { detail: 'Only PENDING or PROCESSING runs can be canceled.' }));
      assert.ok((await rejectionOf(ctx.client.cancelRun(RUN_ID))) instanceof BadRequestError);
    });

    it('deleteRun answers deleted: true, then deleted: false for a run already gone', async () => {
      ctx.server.reply(text(204, ''), json(404, { detail: 'Not found.' }));
      assert.deepEqual(await ctx.client.deleteRun(RUN_ID), { deleted: true });
      assert.deepEqual(await ctx.client.deleteRun(RUN_ID), { deleted: false });
      assert.equal(lastRequest()?.method, 'DELETE');
      ctx.server.reply(json(429, { detail: 'slow down' }, { 'retry-after': '3' }));
      const limited = await rejectionOf(ctx.client.deleteRun(RUN_ID));
      assert.ok(limited instanceof RateLimitError && limited.retryAfterMs === 3000);
    });

    it('getRunFileDownloadUrl reads the presigned URL of one file, URL-encoding the ids', async () => {
      ctx.server.reply(
        json(200, { download_url: 'https://s3.example/f?sig=1', filename: 'a.txt', content_type: 'text/plain' }),
      );
      const link = await ctx.client.getRunFileDownloadUrl(RUN_ID, 'file/1');
      assert.equal(link.download_url, 'https://s3.example/f?sig=1');
      assert.equal(lastRequest()?.url, `/api/dataframer/runs/${RUN_ID}/files/file%2F1/download/`);
      ctx.server.reply(json(200, { filename: 'a.txt' }));
      assert.ok((await rejectionOf(ctx.client.getRunFileDownloadUrl(RUN_ID, 'f'))) instanceof InvalidResponseError);
    });

    it('getRunFilesZipDownloadUrl: 202 (any body) is not ready, a 200 without a URL neither, then ready', async () => {
      ctx.server.reply(
        json(202, { detail: 'building' }),
        text(202, ''),
        json(200, { download_url: null }),
        json(200, { download_url: 'https://s3.example/all.zip', size_bytes: 1234 }),
      );
      assert.deepEqual(await ctx.client.getRunFilesZipDownloadUrl(RUN_ID), { ready: false });
      assert.deepEqual(await ctx.client.getRunFilesZipDownloadUrl(RUN_ID), { ready: false });
      assert.deepEqual(await ctx.client.getRunFilesZipDownloadUrl(RUN_ID), { ready: false });
      assert.deepEqual(await ctx.client.getRunFilesZipDownloadUrl(RUN_ID), {
        ready: true,
        downloadUrl: 'https://s3.example/all.zip',
        sizeBytes: 1234,
      });
      assert.equal(lastRequest()?.url, `/api/dataframer/runs/${RUN_ID}/files/download/`);
    });
  });

  describe('evaluations', () => {
    it('createEvaluation POSTs { run_id, evaluation_model? } to /evaluations/', async () => {
      ctx.server.reply(json(201, { id: EVALUATION_ID, run_id: RUN_ID, status: 'PENDING' }));
      const created = await ctx.client.createEvaluation({ run_id: RUN_ID, evaluation_model: 'x/y' });
      assert.equal(created.id, EVALUATION_ID);
      assert.equal(lastRequest()?.url, '/api/dataframer/evaluations/');
      assert.deepEqual(JSON.parse(lastRequest()?.body ?? ''), { run_id: RUN_ID, evaluation_model: 'x/y' });
    });

    it('getEvaluation reads results, data-plane answers and unknown fields', async () => {
      const classifications = Array.from({ length: 500 }, (_, i) => ({
        id: String(i),
        classifications: { tone: 'calm' },
      }));
      ctx.server.reply(
        json(200, {
          id: EVALUATION_ID,
          status: 'SUCCEEDED',
          conformance_score: 0.93,
          distribution_analysis: [{ property_name: 'tone', requested_distributions: { calm: 50 } }],
          sample_classifications: classifications,
          brand_new: 1,
        }),
        json(200, {
          id: EVALUATION_ID,
          status: 'SUCCEEDED',
          sample_classifications: [],
          content_unavailable_reason: 'result_content_in_data_plane',
          content_location: { data_plane: true, s3_key: 'k' },
        }),
      );
      const evaluation = await ctx.client.getEvaluation(EVALUATION_ID);
      assert.equal(evaluation.sample_classifications?.length, 500);
      assert.equal(evaluation.conformance_score, 0.93);
      assert.equal(lastRequest()?.url, `/api/dataframer/evaluations/${EVALUATION_ID}/`);
      const dataPlane = await ctx.client.getEvaluation(EVALUATION_ID);
      assert.equal(dataPlane.content_unavailable_reason, 'result_content_in_data_plane');
    });

    it('listRunEvaluations reads /runs/{run_id}/evaluations/ summaries', async () => {
      ctx.server.reply(json(200, [{ id: EVALUATION_ID, run_id: RUN_ID, status: 'PROCESSING' }]));
      const list = await ctx.client.listRunEvaluations(RUN_ID);
      assert.deepEqual(
        list.map((e) => e.id),
        [EVALUATION_ID],
      );
      assert.equal(lastRequest()?.url, `/api/dataframer/runs/${RUN_ID}/evaluations/`);
      ctx.server.reply(json(200, { not: 'a list' }));
      assert.ok((await rejectionOf(ctx.client.listRunEvaluations(RUN_ID))) instanceof InvalidResponseError);
    });

    it('scrubs the API key from error messages of the new endpoints', async () => {
      ctx.server.reply((res, req) => json(500, { detail: `boom ${req.headers.authorization}` })(res, req));
      const err = await rejectionOf(ctx.client.getEvaluation(EVALUATION_ID));
      assert.ok(err instanceof InternalServerError);
      assert.doesNotMatch(`${err.message} ${JSON.stringify(err.body)}`, /sk-test-SECRET-123/);
    });
  });

  it('reads run and evaluation answers past maxResponseBytes (they grow with the job); specs keep the cap', async () => {
    const classifications = Array.from({ length: 60_000 }, (_, i) => ({
      id: `c-${i}`,
      sample_identifier: `samples/sample_${i}.txt`,
      classifications: { sentiment: 'positive', length: 'short', topic: 'billing' },
    }));
    const big = { id: EVALUATION_ID, status: 'SUCCEEDED', sample_classifications: classifications };
    assert.ok(JSON.stringify(big).length > 5 * 1024 * 1024, 'over the default 5 MiB cap');
    ctx.server.reply(json(200, big));
    assert.equal((await ctx.client.getEvaluation(EVALUATION_ID)).sample_classifications?.length, 60_000);
    ctx.server.reply(json(200, { id: SPEC_ID, status: 'SUCCEEDED', content_yaml: 'x'.repeat(6 * 1024 * 1024) }));
    const spec = await rejectionOf(ctx.client.getSpec(SPEC_ID));
    assert.ok(spec instanceof InvalidResponseError && /over maxResponseBytes/.test(spec.message));
  });
});
