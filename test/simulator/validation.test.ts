import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call, SPECS } from './helpers';

const DATASET = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
const SEEDLESS = { name: 'Reviews', generation_objectives: 'Product reviews.' };
const SEEDED = { name: 'Seeded', dataset_id: DATASET };
const DATABRICKS = 'databricks/databricks-claude-haiku-4-5';

/** [label, raw body or JSON body, expected 400 body] */
const INVALID: [string, string | object, Record<string, string[]> | { detail: RegExp }][] = [
  ['invalid JSON', '{"name": ', { detail: /^JSON parse error - / }],
  ['a JSON array', '[]', { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
  ['a missing name', { generation_objectives: 'x' }, { name: ['This field is required.'] }],
  ['an empty name', { ...SEEDLESS, name: '' }, { name: ['This field may not be blank.'] }],
  ['a blank name', { ...SEEDLESS, name: '   ' }, { name: ['This field may not be blank.'] }],
  ['a null name', { ...SEEDLESS, name: null }, { name: ['This field may not be null.'] }],
  [
    'seedless without generation_objectives',
    { name: 'x' },
    { generation_objectives: ['This field is required for seedless specs (when dataset_id is omitted).'] },
  ],
  [
    'seedless with blank generation_objectives',
    { name: 'x', generation_objectives: ' ' },
    { generation_objectives: ['This field is required for seedless specs (when dataset_id is omitted).'] },
  ],
  ['a dataset_id that is not a uuid', { ...SEEDED, dataset_id: 'ds-123' }, { dataset_id: ['Must be a valid UUID.'] }],
  [
    'a dataset_id missing a group',
    { ...SEEDED, dataset_id: 'a1b2c3d4-e5f6-7890-ef1234567890' },
    { dataset_id: ['Must be a valid UUID.'] },
  ],
  [
    'conditional distributions without distributions',
    { ...SEEDLESS, generate_distributions: false, generate_conditional_distributions: true },
    { generate_conditional_distributions: ['Requires generate_distributions to be true.'] },
  ],
  [
    'extrapolate_values on seedless',
    { ...SEEDLESS, extrapolate_values: true },
    { extrapolate_values: ['Not applicable for seedless specs.'] },
  ],
  [
    'extrapolate_axes on seedless',
    { ...SEEDLESS, extrapolate_axes: false },
    { extrapolate_axes: ['Not applicable for seedless specs.'] },
  ],
  [
    'a databricks/ model without credentials',
    { ...SEEDLESS, spec_generation_model_name: DATABRICKS },
    {
      databricks_client_id: ['This field is required when using databricks/ models.'],
      databricks_client_secret: ['This field is required when using databricks/ models.'],
      databricks_api_base: ['This field is required when using databricks/ models.'],
    },
  ],
  [
    'a databricks/ model missing the api base',
    { ...SEEDLESS, spec_generation_model_name: DATABRICKS, databricks_client_id: 'a', databricks_client_secret: 'b' },
    { databricks_api_base: ['This field is required when using databricks/ models.'] },
  ],
  [
    'a string flag',
    { ...SEEDLESS, generate_distributions: 'yes' },
    { generate_distributions: ['Must be a valid boolean.'] },
  ],
  ['a numeric name', { ...SEEDLESS, name: 42 }, { name: ['Not a valid string.'] }],
  ['an object description', { ...SEEDLESS, description: {} }, { description: ['Not a valid string.'] }],
  [
    'a field the contract lacks',
    { ...SEEDLESS, datasetId: DATASET },
    { non_field_errors: ['Unknown field(s): datasetId.'] },
  ],
];

const VALID: [string, object][] = [
  ['a minimal seedless spec', SEEDLESS],
  ['a minimal seeded spec', SEEDED],
  [
    'an unknown model name (the enum is the known set, not the only one)',
    { ...SEEDLESS, spec_generation_model_name: 'anthropic/claude-opus-5-5-thinking' },
  ],
  [
    'a databricks/ model with its credentials',
    {
      ...SEEDLESS,
      spec_generation_model_name: 'databricks/system.ai.gpt-6-astra-thinking',
      databricks_client_id: 'id',
      databricks_client_secret: 'secret',
      databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
    },
  ],
  ['distributions off (conditional follows)', { ...SEEDLESS, generate_distributions: false }],
  [
    'a seeded spec with every flag',
    {
      ...SEEDED,
      generate_distributions: true,
      generate_conditional_distributions: false,
      extrapolate_values: false,
      extrapolate_axes: true,
      description: 'd',
    },
  ],
  ['an upper-case dataset id', { ...SEEDED, dataset_id: DATASET.toUpperCase() }],
];

describe('simulator create validation', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  for (const [label, body, expected] of INVALID) {
    it(`400s ${label}`, async () => {
      const answer = await call(sim, 'POST', SPECS, typeof body === 'string' ? { rawBody: body } : { body });
      assert.equal(answer.status, 400);
      if ('detail' in expected && expected.detail instanceof RegExp) {
        assert.match((answer.json as { detail: string }).detail, expected.detail);
      } else {
        assert.deepEqual(answer.json, expected);
      }
      assert.equal(sim.counters().specsTotal, 0);
    });
  }

  for (const [label, body] of VALID) {
    it(`accepts ${label}`, async () => {
      const answer = await call(sim, 'POST', SPECS, { body });
      assert.equal(answer.status, 202, answer.text);
    });
  }

  it('reads an empty body as {} (name required), like DRF', async () => {
    const answer = await call(sim, 'POST', SPECS, { rawBody: '' });
    assert.equal(answer.status, 400);
    assert.deepEqual((answer.json as Record<string, unknown>).name, ['This field is required.']);
  });

  it('rejects a duplicate name among seedless specs and within a dataset, not across them', async () => {
    assert.equal((await call(sim, 'POST', SPECS, { body: SEEDLESS })).status, 202);
    const duplicate = await call(sim, 'POST', SPECS, { body: SEEDLESS });
    assert.deepEqual([duplicate.status, duplicate.json], [400, { name: ['spec with this name already exists.'] }]);
    const sameNameSeeded = { name: SEEDLESS.name, dataset_id: DATASET };
    assert.equal((await call(sim, 'POST', SPECS, { body: sameNameSeeded })).status, 202);
    assert.equal((await call(sim, 'POST', SPECS, { body: sameNameSeeded })).status, 400);
    const otherDataset = { ...sameNameSeeded, dataset_id: 'b1b2c3d4-e5f6-7890-abcd-ef1234567890' };
    assert.equal((await call(sim, 'POST', SPECS, { body: otherDataset })).status, 202);
    assert.equal(sim.counters().createdByName[SEEDLESS.name], 3);
  });

  it('frees a name when its spec is deleted', async () => {
    const { json } = await call(sim, 'POST', SPECS, { body: SEEDLESS });
    await call(sim, 'DELETE', `${SPECS}${(json as { id: string }).id}/`);
    assert.equal((await call(sim, 'POST', SPECS, { body: SEEDLESS })).status, 202);
  });
});

describe('simulator known datasets', () => {
  it('404s a seeded create on an unknown dataset until the dataset is added', async () => {
    const sim = await startSimulator({ datasets: ['11111111-2222-4333-8444-555555555555'] });
    try {
      assert.equal(
        (await call(sim, 'POST', SPECS, { body: { ...SEEDED, dataset_id: '11111111-2222-4333-8444-555555555555' } }))
          .status,
        202,
      );
      const missing = await call(sim, 'POST', SPECS, { body: SEEDED });
      assert.deepEqual([missing.status, missing.json], [404, { detail: 'Dataset not found.' }]);
      sim.control.addDataset(DATASET, 'Support chats');
      assert.equal((await call(sim, 'POST', SPECS, { body: SEEDED })).status, 202);
      const other = 'c1b2c3d4-e5f6-7890-abcd-ef1234567890';
      assert.equal((await call(sim, 'POST', '/_simulator/datasets/', { body: { id: other } })).status, 200);
      assert.equal((await call(sim, 'POST', SPECS, { body: { ...SEEDED, dataset_id: other } })).status, 202);
      assert.ok(sim.specs().some((s) => s.dataset_name === 'Support chats'));
    } finally {
      await sim.close();
    }
  });
});
