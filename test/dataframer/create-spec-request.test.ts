import assert from 'node:assert/strict';
import {
  InvalidRequestError,
  validateCreateSpecRequest,
  type CreateSpecBody,
  type CreateSpecRequest,
} from '../../src/dataframer';
import { DATABRICKS, DATASET_ID, INVALID_REQUESTS, SEEDED, SEEDLESS } from './support/create-spec-cases';
import { rejectionOf, useScriptedClient } from './support/scripted-client';
import { json } from './support/scripted-server';

function validationError(input: unknown): InvalidRequestError {
  try {
    validateCreateSpecRequest(input);
  } catch (err) {
    assert.ok(err instanceof InvalidRequestError, String(err));
    return err;
  }
  assert.fail('expected InvalidRequestError');
}

describe('create-spec request validation', () => {
  const ctx = useScriptedClient();

  it(`has at least 25 invalid cases (${INVALID_REQUESTS.length})`, () => {
    assert.ok(INVALID_REQUESTS.length >= 25);
  });

  for (const { title, input, expect } of INVALID_REQUESTS) {
    it(`rejects ${title}`, () => {
      const err = validationError(input);
      assert.equal(err.retryable, false);
      assert.match(err.message, /^Invalid create-spec request: /);
      for (const part of expect)
        assert.ok(err.message.includes(part as string), `"${err.message}" lacks "${String(part)}"`);
      assert.ok(!err.message.includes('dbx-input-SECRET'));
      assert.ok(!JSON.stringify(err).includes('dbx-input-SECRET'));
    });
  }

  it('sends none of the invalid requests: DataFramerClient.createSpec validates first', async () => {
    // The wire body may carry the secret (the worker adds it), so that one case is valid there.
    const invalidOnTheWire = INVALID_REQUESTS.filter(
      ({ input }) => !JSON.stringify(input).includes('databricks_client_secret'),
    );
    assert.equal(invalidOnTheWire.length, INVALID_REQUESTS.length - 1);
    for (const { input } of invalidOnTheWire) {
      const err = await rejectionOf(ctx.client.createSpec(input as CreateSpecBody));
      assert.ok(err instanceof InvalidRequestError, String(err));
    }
    assert.equal(ctx.server.requests.length, 0);
  });

  it('refuses a databricks/ model without the worker-supplied secret, before any HTTP', async () => {
    const err = await rejectionOf(ctx.client.createSpec(DATABRICKS));
    assert.ok(err instanceof InvalidRequestError);
    assert.match(err.message, /databricks_client_secret: required for databricks\/ models/);
    const blank = await rejectionOf(ctx.client.createSpec({ ...DATABRICKS, databricks_client_secret: ' ' }));
    assert.ok(blank instanceof InvalidRequestError);
    assert.equal(ctx.server.requests.length, 0);
  });

  it("accepts the contract's seeded example, unknown model name included, unchanged", () => {
    const example = {
      dataset_id: DATASET_ID,
      name: 'Customer Support Conversations Spec',
      spec_generation_model_name: 'anthropic/claude-sonnet-4-5',
      generate_distributions: true,
      extrapolate_values: true,
      extrapolate_axes: false,
    };
    assert.deepEqual(validateCreateSpecRequest(example), example);
  });

  it("accepts the contract's seedless example", () => {
    const example = { ...SEEDLESS, spec_generation_model_name: 'anthropic/claude-sonnet-4-5-thinking' };
    assert.deepEqual(validateCreateSpecRequest(example), example);
  });

  it('accepts a databricks/ model with client id and https API base, and an upper-case dataset id', () => {
    assert.deepEqual(validateCreateSpecRequest(DATABRICKS), DATABRICKS);
    const upper = { ...SEEDED, dataset_id: DATASET_ID.toUpperCase() };
    assert.deepEqual(validateCreateSpecRequest(upper), upper);
  });

  it('asks for no conditional distributions when distributions are off and the flag is omitted', () => {
    const request: CreateSpecRequest = validateCreateSpecRequest({ ...SEEDED, generate_distributions: false });
    assert.equal(request.generate_conditional_distributions, false);
    const explicit = validateCreateSpecRequest({
      ...SEEDED,
      generate_conditional_distributions: false,
      generate_distributions: false,
    });
    assert.equal(explicit.generate_conditional_distributions, false);
  });

  it('sends the validated body, with the worker-supplied secret, as JSON', async () => {
    ctx.server.reply(json(202, { id: '550e8400-e29b-41d4-a716-446655440000' }));
    const created = await ctx.client.createSpec({ ...DATABRICKS, databricks_client_secret: 'dbx-SECRET' });
    assert.equal(created.id, '550e8400-e29b-41d4-a716-446655440000');
    const [request] = ctx.server.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, '/api/dataframer/specs/');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request?.body ?? ''), { ...DATABRICKS, databricks_client_secret: 'dbx-SECRET' });
  });
});
