import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call, createSeedless, getSpec, HEALTH, SPECS } from './helpers';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('simulator endpoints', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ completion: { afterReads: 1 } });
  });
  afterEach(() => sim.close());

  it('listens on an ephemeral loopback port with a random sim_ key', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(sim.apiKey, /^sim_[\w-]{20,}$/);
  });

  it('answers health without auth', async () => {
    const answer = await call(sim, 'GET', HEALTH, { apiKey: null });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { status: 'ok' });
  });

  it('creates a spec: 202 with a v4 uuid', async () => {
    const answer = await call(sim, 'POST', SPECS, { body: { name: 'Reviews', generation_objectives: 'Reviews.' } });
    assert.equal(answer.status, 202);
    assert.deepEqual(Object.keys(answer.json as object), ['id']);
    assert.match((answer.json as { id: string }).id, UUID_V4);
  });

  it('gets a seedless spec with the documented fields, PROCESSING then SUCCEEDED', async () => {
    const id = await createSeedless(sim, 'Reviews');
    const first = await getSpec(sim, id);
    assert.equal(first.status, 'PROCESSING');
    assert.equal(first.content_yaml, null);
    assert.equal(first.error, null);
    assert.equal(first.dataset_id, null);
    assert.equal(first.dataset_name, null);
    assert.equal(first.dataset_type, 'MULTI_FILE');
    assert.equal(typeof first.created_by_email, 'string');
    assert.ok(!('versions' in first));
    const second = await getSpec(sim, id);
    assert.equal(second.status, 'SUCCEEDED');
    assert.match(second.content_yaml ?? '', /data_property_variations:\n {2}- property_name: sentiment/);
    assert.match(second.content_yaml ?? '', /base_distributions:/);
  });

  it('gets a seeded spec with SINGLE_FILE, a dataset name and its runtime params', async () => {
    const datasetId = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
    const body = { name: 'Seeded', dataset_id: datasetId, extrapolate_axes: true, spec_generation_model_name: 'x/y' };
    const { json } = await call(sim, 'POST', SPECS, { body });
    const spec = await getSpec(sim, (json as { id: string }).id);
    assert.equal(spec.dataset_id, datasetId);
    assert.equal(spec.dataset_type, 'SINGLE_FILE');
    assert.equal(typeof spec.dataset_name, 'string');
    assert.deepEqual(spec.runtime_params, {
      spec_generation_model_name: 'x/y',
      generate_distributions: true,
      generate_conditional_distributions: true,
      extrapolate_values: true,
      extrapolate_axes: true,
    });
  });

  it('honours include_versions', async () => {
    const id = await createSeedless(sim, 'Versions');
    assert.deepEqual((await getSpec(sim, id, '?include_versions=true')).versions, []);
    const done = await getSpec(sim, id, '?include_versions=true');
    const versions = done.versions as { content_yaml: string; created_at: string }[];
    assert.equal(versions.length, 1);
    assert.equal(versions[0]?.content_yaml, done.content_yaml);
    assert.ok(!('versions' in (await getSpec(sim, id, '?include_versions=false'))));
  });

  it('lists summaries as a bare array, newest first', async () => {
    const first = await createSeedless(sim, 'One');
    const second = await createSeedless(sim, 'Two');
    const answer = await call(sim, 'GET', SPECS);
    assert.equal(answer.status, 200);
    const list = answer.json as Record<string, unknown>[];
    assert.deepEqual(
      list.map((s) => s.id),
      [second, first],
    );
    assert.deepEqual(Object.keys(list[0] ?? {}).sort(), [
      'created_at',
      'dataset_id',
      'dataset_name',
      'dataset_type',
      'description',
      'id',
      'name',
      'status',
    ]);
  });

  it('deletes with or without force, then 404s', async () => {
    const id = await createSeedless(sim, 'Doomed');
    const other = await createSeedless(sim, 'Doomed too');
    assert.equal((await call(sim, 'DELETE', `${SPECS}${id}/?force=false`)).status, 204);
    const forced = await call(sim, 'DELETE', `${SPECS}${other}/?force=true`);
    assert.equal(forced.status, 204);
    assert.equal(forced.text, '');
    assert.equal((await call(sim, 'DELETE', `${SPECS}${id}/`)).status, 404);
    assert.equal((await call(sim, 'GET', `${SPECS}${id}/`)).status, 404);
    assert.deepEqual((await call(sim, 'GET', SPECS)).json, []);
  });

  it('answers 404 Not found for unknown ids and paths, 405 for wrong methods', async () => {
    const unknown = await call(sim, 'GET', `${SPECS}3f1c2b8e-0000-4000-8000-000000000000/`);
    assert.deepEqual([unknown.status, unknown.json], [404, { detail: 'Not found.' }]);
    const noSlash = await call(sim, 'GET', '/api/dataframer/specs');
    assert.deepEqual([noSlash.status, noSlash.json], [404, { detail: 'Not found.' }]);
    assert.equal((await call(sim, 'GET', '/api/dataframer/red-team-runs/')).status, 404);
    const put = await call(sim, 'PUT', SPECS, { body: {} });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, POST');
    assert.equal((await call(sim, 'POST', HEALTH)).status, 405);
    assert.equal((await call(sim, 'PATCH', `${SPECS}abc/`)).status, 405);
  });

  describe('auth', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['no header', {}, 'Authentication credentials were not provided.'],
      ['another scheme', { authorization: 'Token abc' }, 'Authentication credentials were not provided.'],
      ['an empty bearer', { authorization: 'Bearer' }, 'Invalid token header. No credentials provided.'],
      ['a wrong key', { authorization: 'Bearer sim_wrong' }, 'Invalid token.'],
    ];
    for (const [label, headers, message] of cases) {
      it(`401s ${label} on every spec endpoint and the control API`, async () => {
        const paths: [string, string][] = [
          ['POST', SPECS],
          ['GET', SPECS],
          ['GET', `${SPECS}abc/`],
          ['DELETE', `${SPECS}abc/`],
          ['GET', '/_simulator/counters/'],
        ];
        for (const [method, path] of paths) {
          const res = await fetch(`${sim.url}${path}`, { method, headers });
          assert.equal(res.status, 401, `${method} ${path}`);
          assert.deepEqual(await res.json(), { detail: message });
          assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
        }
        assert.equal(sim.counters().specsTotal, 0);
      });
    }
  });
});
