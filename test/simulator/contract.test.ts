import assert from 'node:assert/strict';
import { CREATE_SPEC_FIELDS, FAULT_PROFILES, startSimulator, type RunningSimulator } from '../../src/simulator';
import { loadCreateContract, type CreateContract } from './contract';
import { call, SPECS, type Answer } from './helpers';

const DATASET = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
const DATABRICKS_CREDENTIALS = {
  databricks_client_id: 'client-id',
  databricks_client_secret: 'client-secret',
  databricks_api_base: 'https://adb-123.azuredatabricks.net/serving-endpoints',
};

describe('simulator against the create contract', () => {
  let contract: CreateContract;
  let sim: RunningSimulator;
  const accepted: Answer[] = [];

  before(() => {
    contract = loadCreateContract();
  });
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());
  after(() => {
    // Every 202 body any test here received must match AnalyzeCreateResponse.
    assert.ok(accepted.length > 0);
    for (const answer of accepted) assert.ok(contract.validateCreateResponse(answer.json), answer.text);
  });

  async function create(body: unknown, simulator = sim): Promise<Answer> {
    const answer = await call(simulator, 'POST', SPECS, { body });
    if (answer.status === 202) accepted.push(answer);
    return answer;
  }

  function assertValidRequest(body: object): void {
    assert.ok(contract.validateRequest(body), JSON.stringify(contract.validateRequest.errors));
  }

  it('accepts both request examples, which also pass the contract schema', async () => {
    assert.deepEqual(Object.keys(contract.examples).sort(), ['seeded_spec', 'seedless_spec']);
    for (const [name, example] of Object.entries(contract.examples)) {
      assertValidRequest(example);
      const answer = await create(example);
      assert.equal(answer.status, 202, `${name}: ${answer.text}`);
      assert.ok(contract.validateCreateResponse(answer.json));
    }
  });

  it('accepts exactly the contract property list (drift is caught both ways)', async () => {
    assert.deepEqual([...CREATE_SPEC_FIELDS].sort(), [...contract.requestProperties].sort());
    const everyField = {
      name: 'Every field',
      generation_objectives: 'Support chats.',
      dataset_id: DATASET,
      spec_generation_model_name: contract.modelEnum.find((m) => m.startsWith('databricks/')),
      generate_distributions: true,
      generate_conditional_distributions: true,
      extrapolate_values: true,
      extrapolate_axes: false,
      description: 'All twelve.',
      ...DATABRICKS_CREDENTIALS,
    };
    assert.deepEqual(Object.keys(everyField).sort(), [...contract.requestProperties].sort());
    assertValidRequest(everyField);
    assert.equal((await create(everyField)).status, 202);
    const extra = await create({ name: 'Extra', generation_objectives: 'x', seed: 1 });
    assert.equal(extra.status, 400);
  });

  it('accepts every model of the contract enum (databricks/ ones with their credentials)', async () => {
    assert.ok(contract.modelEnum.length > 0);
    for (const [i, model] of contract.modelEnum.entries()) {
      const credentials = model.startsWith('databricks/') ? DATABRICKS_CREDENTIALS : {};
      const body = {
        name: `Model ${i}`,
        generation_objectives: 'x',
        spec_generation_model_name: model,
        ...credentials,
      };
      assertValidRequest(body);
      assert.equal((await create(body)).status, 202, model);
    }
  });

  it('rejects with 400 what the contract schema rejects', async () => {
    const invalid = [{}, { name: 1, generation_objectives: 'x' }, { name: 'n', dataset_id: 'not-a-uuid' }];
    for (const body of invalid) {
      assert.equal(contract.validateRequest(body), false);
      assert.equal((await create(body)).status, 400, JSON.stringify(body));
    }
  });

  it('create answers only documented statuses, besides 401 and the 429/502 faults', async () => {
    assert.deepEqual(contract.documentedStatuses.sort(), ['202', '400', '404', '500']);
    const chaos = await startSimulator({
      seed: 11,
      faults: { ...FAULT_PROFILES.chaos, reset: 0, slowMs: undefined },
      datasets: [DATASET],
    });
    const statuses = new Set<number>();
    try {
      const bodies = [
        (i: number) => ({ name: `Spec ${i}`, generation_objectives: 'x' }),
        () => ({ name: 'Duplicate', generation_objectives: 'x' }),
        (i: number) => ({ name: `Seeded ${i}`, dataset_id: i % 2 ? DATASET : 'b1b2c3d4-e5f6-7890-abcd-ef1234567890' }),
        (i: number) => ({ name: `Bad ${i}`, dataset_id: 'nope' }),
      ];
      for (let i = 0; i < 80; i += 1) {
        const body = bodies[i % bodies.length]?.(i);
        const answer = await create(body, chaos).catch(() => undefined);
        if (answer) statuses.add(answer.status);
      }
      statuses.add((await call(chaos, 'POST', SPECS, { body: {}, apiKey: null })).status);
    } finally {
      await chaos.close();
    }
    const allowed = new Set([...contract.documentedStatuses.map(Number), 401, 429, 502]);
    assert.deepEqual(
      [...statuses].filter((s) => !allowed.has(s)),
      [],
    );
    for (const expected of [202, 400, 404, 500, 401, 429, 502]) assert.ok(statuses.has(expected), `saw ${expected}`);
  });
});
