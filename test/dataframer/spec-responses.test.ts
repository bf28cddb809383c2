import assert from 'node:assert/strict';
import {
  BadRequestError,
  DataFramerClient,
  InvalidResponseError,
  normalizeSpecStatus,
  specErrorMessage,
} from '../../src/dataframer';
import { Agent } from 'undici';
import { TEST_API_KEY, rejectionOf, useScriptedClient } from './support/scripted-client';
import { json, text } from './support/scripted-server';

const SPEC_ID = '550e8400-e29b-41d4-a716-446655440000';
const REQUEST = { name: 'Product Reviews Spec', generation_objectives: 'reviews' };

describe('DataFramer spec responses', () => {
  const ctx = useScriptedClient();

  describe('createSpec', () => {
    it('accepts the documented 202 `{ id }`', async () => {
      ctx.server.reply(json(202, { id: SPEC_ID }));
      assert.deepEqual(await ctx.client.createSpec(REQUEST), { id: SPEC_ID, raw: { id: SPEC_ID } });
    });

    it('accepts any 2xx answering a whole spec, and keeps every field in `raw`', async () => {
      const whole = {
        id: SPEC_ID,
        name: REQUEST.name,
        status: 'PROCESSING',
        runtime_params: { model: 'x' },
        new_field: 1,
      };
      ctx.server.reply(json(201, whole));
      const created = await ctx.client.createSpec(REQUEST);
      assert.equal(created.id, SPEC_ID);
      assert.deepEqual(created.raw, whole);
    });

    it('tolerates spec fields of unexpected shape beside the id (a created spec must not look failed)', async () => {
      ctx.server.reply(json(202, { id: SPEC_ID, status: 7, versions: 'none' }));
      assert.equal((await ctx.client.createSpec(REQUEST)).id, SPEC_ID);
    });
  });

  describe('getSpec', () => {
    it('asks without versions by default and encodes the id', async () => {
      ctx.server.reply(json(200, { id: 'a/b c', status: 'PROCESSING' }));
      await ctx.client.getSpec('a/b c');
      assert.equal(ctx.server.requests[0]?.url, '/api/dataframer/specs/a%2Fb%20c/?include_versions=false');
      assert.equal(ctx.server.requests[0]?.method, 'GET');
    });

    it('reads a data-plane success: no YAML, a reason and a location', async () => {
      const location = { provider: 's3', uri: 's3://customer-bucket/specs/1.yaml' };
      ctx.server.reply(
        json(200, {
          id: SPEC_ID,
          status: 'SUCCEEDED',
          content_yaml: null,
          content_unavailable_reason: 'spec_content_in_data_plane',
          content_location: location,
          dataset_name: null,
          dataset_type: 'MULTI_FILE',
          surprise: { nested: true },
        }),
      );
      const spec = await ctx.client.getSpec(SPEC_ID);
      assert.equal(normalizeSpecStatus(spec.status).status, 'SUCCEEDED');
      assert.equal(spec.content_yaml, null);
      assert.equal(spec.content_unavailable_reason, 'spec_content_in_data_plane');
      assert.deepEqual(spec.content_location, location);
      assert.deepEqual(spec.surprise, { nested: true });
    });

    it('reads versions when asked', async () => {
      ctx.server.reply(
        json(200, { id: SPEC_ID, versions: [{ content_yaml: 'a: 1', created_at: '2026-01-01T00:00:00Z' }] }),
      );
      const spec = await ctx.client.getSpec(SPEC_ID, { includeVersions: true });
      assert.equal(ctx.server.requests[0]?.url, `/api/dataframer/specs/${SPEC_ID}/?include_versions=true`);
      assert.equal(spec.versions?.[0]?.content_yaml, 'a: 1');
    });

    it('reads a failure message from `error`, `error_message` or `message`', async () => {
      ctx.server.reply(
        json(200, { id: SPEC_ID, status: 'FAILED', error: 'model refused' }),
        json(200, { id: SPEC_ID, status: 'FAILED', error: null, error_message: 'dataset empty' }),
        json(200, { id: SPEC_ID, status: 'FAILED', error: '', message: 'timeout upstream' }),
        json(200, { id: SPEC_ID, status: 'FAILED', error: { code: 'X', message: 'structured' } }),
        json(200, { id: SPEC_ID, status: 'FAILED' }),
      );
      const messages = [];
      for (let i = 0; i < 5; i++) messages.push(specErrorMessage(await ctx.client.getSpec(SPEC_ID)));
      assert.deepEqual(messages, ['model refused', 'dataset empty', 'timeout upstream', 'structured', undefined]);
    });

    it('treats an unknown status as still processing, flagged unknown', async () => {
      ctx.server.reply(json(200, { id: SPEC_ID, status: 'QUEUED_FOR_GPU' }));
      assert.deepEqual(normalizeSpecStatus((await ctx.client.getSpec(SPEC_ID)).status), {
        status: 'PROCESSING',
        known: false,
      });
    });
  });

  describe('normalizeSpecStatus', () => {
    const table: [unknown, string, boolean][] = [
      ['PROCESSING', 'PROCESSING', true],
      ['SUCCEEDED', 'SUCCEEDED', true],
      ['READY', 'SUCCEEDED', true],
      ['COMPLETED', 'SUCCEEDED', true],
      ['FAILED', 'FAILED', true],
      ['failed', 'FAILED', true],
      ['IN_PROGRESS', 'PROCESSING', false],
      ['PENDING', 'PROCESSING', false],
      [null, 'PROCESSING', false],
      [undefined, 'PROCESSING', false],
    ];
    for (const [raw, status, known] of table) {
      it(`maps ${String(raw)} to ${status}${known ? '' : ' (unknown)'}`, () => {
        assert.deepEqual(normalizeSpecStatus(raw), { status, known });
      });
    }
  });

  describe('listSpecs and findSpecsByName', () => {
    it('reads a bare array', async () => {
      ctx.server.reply(
        json(200, [
          { id: '1', name: 'a' },
          { id: '2', name: 'b', extra: true },
        ]),
      );
      const specs = await ctx.client.listSpecs();
      assert.deepEqual(
        specs.map((spec) => spec.id),
        ['1', '2'],
      );
      assert.equal(ctx.server.requests[0]?.url, '/api/dataframer/specs/');
    });

    it('follows `next` across two pages (absolute http link, as DRF builds behind a TLS proxy)', async () => {
      const next = `${ctx.server.baseUrl}/api/dataframer/specs/?page=2&page_size=1`;
      ctx.server.reply(
        json(200, { count: 2, results: [{ id: '1', name: 'Dup' }], next, previous: null }),
        json(200, { count: 2, results: [{ id: '2', name: 'Other' }], next: null }),
      );
      assert.deepEqual(
        (await ctx.client.findSpecsByName('Dup')).map((spec) => spec.id),
        ['1'],
      );
      assert.deepEqual(
        ctx.server.requests.map((request) => request.url),
        ['/api/dataframer/specs/', '/api/dataframer/specs/?page=2&page_size=1'],
      );
      assert.equal(ctx.server.requests[1]?.headers.authorization, `Bearer ${TEST_API_KEY}`);
    });

    it('refuses a `next` link on another host, and a list that loops', async () => {
      ctx.server.reply(json(200, { results: [], next: 'https://evil.example/api/dataframer/specs/?page=2' }));
      assert.ok((await rejectionOf(ctx.client.listSpecs())) instanceof InvalidResponseError);
      assert.equal(ctx.server.requests.length, 1);
      ctx.server.always(json(200, { results: [], next: '/api/dataframer/specs/?page=1' }));
      const err = await rejectionOf(ctx.client.listSpecs());
      assert.ok(err instanceof InvalidResponseError);
      assert.match(err.message, /loops/);
    });

    it('findSpecInScope stops at the page holding the scope and name, comparing dataset ids in lower case', async () => {
      const dataset = 'AB0A3C4D-0000-4000-8000-00000000000A';
      const next = `${ctx.server.baseUrl}/api/dataframer/specs/?page=2`;
      ctx.server.reply(
        json(200, { results: [{ id: '1', name: 'Dup', dataset_id: null }], next }),
        json(200, { results: [{ id: '2', name: 'Dup', dataset_id: dataset.toLowerCase() }], next: `${next}3` }),
      );
      const found = await ctx.client.findSpecInScope({ name: 'Dup', dataset_id: dataset });
      assert.deepEqual([found.spec?.id, found.pages], ['2', 2]);
      assert.equal(ctx.server.requests.length, 2, 'page 3 is never read');
      assert.ok(found.serverClockOffsetMs !== undefined && Math.abs(found.serverClockOffsetMs) < 2_000);
    });

    it('refuses a list of the wrong shape', async () => {
      ctx.server.reply(json(200, { specs: [] }));
      assert.ok((await rejectionOf(ctx.client.listSpecs())) instanceof InvalidResponseError);
    });
  });

  describe('deleteSpec', () => {
    it('deletes without force by default, with force when asked', async () => {
      ctx.server.reply(text(204, ''), text(204, ''));
      assert.deepEqual(await ctx.client.deleteSpec(SPEC_ID), { deleted: true });
      assert.deepEqual(await ctx.client.deleteSpec(SPEC_ID, { force: true }), { deleted: true });
      assert.deepEqual(
        ctx.server.requests.map((request) => `${request.method} ${request.url}`),
        [`DELETE /api/dataframer/specs/${SPEC_ID}/?force=false`, `DELETE /api/dataframer/specs/${SPEC_ID}/?force=true`],
      );
    });

    it('counts a spec already gone (404) as done, and surfaces other refusals', async () => {
      ctx.server.reply(json(404, { detail: 'Not found.' }), json(400, { detail: 'Spec has runs; use force=true.' }));
      assert.deepEqual(await ctx.client.deleteSpec(SPEC_ID), { deleted: false });
      assert.ok((await rejectionOf(ctx.client.deleteSpec(SPEC_ID))) instanceof BadRequestError);
    });
  });

  it('sends through a dispatcher given in options, and leaves it open on close', async () => {
    const agent = new Agent();
    const client = new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: ctx.server.baseUrl, dispatcher: agent });
    ctx.server.reply(json(200, { id: SPEC_ID }), json(200, { id: SPEC_ID }));
    await client.getSpec(SPEC_ID);
    await client.close();
    assert.equal(agent.closed, false);
    await new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: ctx.server.baseUrl, dispatcher: agent }).getSpec(
      SPEC_ID,
    );
    await agent.close();
    assert.equal(ctx.server.requests.length, 2);
  });

  it('prefixes every path with the base URL path, trailing slash or not', async () => {
    for (const suffix of ['/proxy/df/', '/proxy/df']) {
      const client = new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: `${ctx.server.baseUrl}${suffix}` });
      ctx.server.reply(json(200, { id: SPEC_ID }));
      await client.getSpec(SPEC_ID);
      await client.close();
    }
    assert.deepEqual(
      ctx.server.requests.map((request) => request.url),
      [1, 2].map(() => `/proxy/df/api/dataframer/specs/${SPEC_ID}/?include_versions=false`),
    );
  });
});
