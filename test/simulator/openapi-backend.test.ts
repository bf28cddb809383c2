// The simulator checked by a maintained OpenAPI validator (openapi-backend): the contract document is
// itself valid OpenAPI, every request the simulator accepts is valid for the create operation, every
// body the validator refuses the simulator refuses too, and every 202 answer is the documented body.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import addFormats from 'ajv-formats';
import OpenAPIBackend, { type Document } from 'openapi-backend';
import { parse } from 'yaml';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { CONTRACT_PATH } from './contract';
import { call, SPECS } from './helpers';

const OPERATION = 'api_dataframer_specs_create';
const DATASET = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

/** The contract, minus the model enum: NOTES.md says it is the known set, and its own examples leave it. */
function contractWithOpenModelNames(): Document {
  const document = parse(readFileSync(CONTRACT_PATH, 'utf8')) as Document & {
    paths: Record<
      string,
      {
        post: {
          requestBody: { content: Record<string, { schema: { properties: Record<string, { enum?: unknown }> } }> };
        };
      }
    >;
  };
  delete document.paths['/api/dataframer/specs/']!.post.requestBody.content['application/json']!.schema.properties
    .spec_generation_model_name!.enum;
  return document;
}

describe('simulator checked by the OpenAPI validator openapi-backend', function () {
  let api: OpenAPIBackend;
  let sim: RunningSimulator;

  before(async function () {
    api = new OpenAPIBackend({
      definition: contractWithOpenModelNames(),
      strict: true,
      validate: true,
      quick: false,
      customizeAjv: (ajv) => addFormats(ajv), // `format: uuid` is part of the contract
    });
    await api.init(); // strict: throws when the document is not valid OpenAPI 3
    sim = await startSimulator();
  });
  after(() => sim?.close());

  const validRequest = (body: object) =>
    api.validateRequest(
      { method: 'post', path: SPECS, body, headers: { 'content-type': 'application/json' } },
      OPERATION,
    );

  const accepted: [string, object][] = [
    ['seedless', { name: 'reviews', generation_objectives: 'Product reviews' }],
    ['seeded', { name: 'claims', dataset_id: DATASET, extrapolate_axes: true }],
    [
      'every flag',
      {
        name: 'flags',
        dataset_id: DATASET,
        generate_distributions: true,
        generate_conditional_distributions: false,
        extrapolate_values: false,
        description: 'd',
      },
    ],
    [
      'an unknown model name',
      { name: 'model', generation_objectives: 'x', spec_generation_model_name: 'anthropic/claude-opus-5-5-thinking' },
    ],
    [
      'a databricks model with credentials',
      {
        name: 'dbx',
        generation_objectives: 'x',
        spec_generation_model_name: 'databricks/databricks-gpt-5-4',
        databricks_client_id: 'id',
        databricks_client_secret: 's',
        databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
      },
    ],
  ];
  for (const [what, body] of accepted) {
    it(`${what}: valid for the operation, accepted with 202 and the documented body`, async function () {
      const validation = validRequest(body);
      assert.equal(validation.valid, true, JSON.stringify(validation.errors));
      const answer = await call(sim, 'POST', SPECS, { body });
      assert.equal(answer.status, 202, answer.text);
      const response = api.validateResponse(answer.json, OPERATION, 202);
      assert.equal(response.valid, true, JSON.stringify(response.errors));
      assert.equal(api.validateResponse({ id: 42 }, OPERATION, 202).valid, false, 'the validator does check the body');
    });
  }

  const refused: [string, object][] = [
    ['no name', { generation_objectives: 'x' }],
    ['a numeric name', { name: 7, generation_objectives: 'x' }],
    ['a dataset id that is not a uuid', { name: 'a', dataset_id: 'not-a-uuid' }],
    ['a string flag', { name: 'b', dataset_id: DATASET, generate_distributions: 'yes' }],
    ['an object description', { name: 'c', generation_objectives: 'x', description: { text: 'd' } }],
  ];
  for (const [what, body] of refused) {
    it(`${what}: refused by the validator and answered 400 by the simulator`, async function () {
      assert.equal(validRequest(body).valid, false);
      const answer = await call(sim, 'POST', SPECS, { body });
      assert.equal(answer.status, 400, answer.text);
    });
  }
});
