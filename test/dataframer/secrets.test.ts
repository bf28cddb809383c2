import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { DataFramerError, InvalidRequestError, validateCreateSpecRequest } from '../../src/dataframer';
import { TEST_API_KEY, rejectionOf, useScriptedClient } from './support/scripted-client';
import { echoAuthorization, text, type Reply } from './support/scripted-server';

const DATABRICKS_SECRET = 'dbx-SECRET-456"/+ü';
const OTHER_CONFIGURED_SECRET = 'dbx-OTHER-789';
const SECRETS = [
  TEST_API_KEY,
  DATABRICKS_SECRET,
  OTHER_CONFIGURED_SECRET,
  JSON.stringify(DATABRICKS_SECRET).slice(1, -1),
];
const REQUEST = {
  name: 'Secret Spec',
  generation_objectives: 'reviews',
  spec_generation_model_name: 'databricks/databricks-gpt-5-4',
  databricks_client_id: 'client-1',
  databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
  databricks_client_secret: DATABRICKS_SECRET,
};

/** Replies that put the Authorization header, the request body (with its secret) and a configured secret in the answer. */
function echoing(status: number): Reply[] {
  const html: Reply = (res, req) =>
    text(
      status,
      `<html><title>${req.headers.authorization ?? ''} ${OTHER_CONFIGURED_SECRET}</title><body>${req.body}</body></html>`,
      {
        'content-type': 'text/html',
      },
    )(res, req);
  const plain: Reply = (res, req) =>
    text(status, `denied ${req.body} for ${req.headers.authorization ?? ''}`)(res, req);
  // Over 2 KB, with a secret right across the excerpt cut.
  const long = text(status, `${'x'.repeat(2040)}${TEST_API_KEY}${'y'.repeat(100)}`);
  return [echoAuthorization(status, { 'retry-after': '1' }), html, plain, long];
}

function assertClean(what: string, value: string): void {
  for (const secret of SECRETS) assert.ok(!value.includes(secret), `${what} contains a secret: ${value}`);
  assert.ok(!value.includes('SECRET-'), `${what} contains a fragment of a secret: ${value}`);
}

describe('DataFramer secrets', () => {
  const ctx = useScriptedClient({ secretsToRedact: [OTHER_CONFIGURED_SECRET] });

  it('never puts the API key or a Databricks secret in any error, across the status table', async () => {
    const statuses = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504];
    const errors: DataFramerError[] = [];
    for (const status of statuses) {
      ctx.server.reply(...echoing(status), ...echoing(status));
      for (let i = 0; i < 4; i++) errors.push((await rejectionOf(ctx.client.createSpec(REQUEST))) as DataFramerError);
      for (let i = 0; i < 4; i++) errors.push((await rejectionOf(ctx.client.getSpec('spec-1'))) as DataFramerError);
    }
    assert.equal(errors.length, statuses.length * 8);
    for (const err of errors) {
      assert.ok(err instanceof DataFramerError, String(err));
      for (const [what, value] of [
        ['message', err.message],
        ['String(err)', String(err)],
        ['JSON.stringify(err)', JSON.stringify(err)],
        ['stack', err.stack ?? ''],
        ['inspect(err)', inspect(err, { depth: 10 })],
      ] as const) {
        assertClean(`${err.name} ${what}`, value);
      }
    }
    assert.ok(
      errors.some((err) => JSON.stringify(err).includes('Bearer [REDACTED]')),
      'the echo was there to scrub',
    );
  });

  it('redacts before it cuts: a secret across the 300-character summary cut leaves no prefix', async () => {
    // The summary of a plain-text body is cut at 300 characters; each secret starts a few characters before.
    const secrets = [TEST_API_KEY, OTHER_CONFIGURED_SECRET];
    for (const secret of secrets) {
      for (const status of [400, 401, 429, 500, 503]) {
        ctx.server.reply(text(status, `${'z'.repeat(290)}${secret}${'w'.repeat(50)}`));
        ctx.server.reply(text(status, JSON.stringify({ detail: `${'z'.repeat(293)}${secret} tail` })));
        for (let i = 0; i < 2; i++) {
          const err = (await rejectionOf(ctx.client.getSpec('spec-1'))) as DataFramerError;
          const everything = `${err.message} ${JSON.stringify(err)} ${inspect(err, { depth: 10 })}`;
          assert.ok(!everything.includes(secret.slice(0, 5)), `a prefix of the secret leaked: ${err.message}`);
          assert.ok(err.message.includes('[REDACTED]') || err.message.endsWith('...'), err.message);
        }
      }
    }
  });

  it('scrubs secrets a 2xx answer echoes (runtime_params) from what createSpec returns', async () => {
    ctx.server.reply((res, req) =>
      text(
        202,
        JSON.stringify({ id: 's-1', runtime_params: JSON.parse(req.body) as unknown, auth: req.headers.authorization }),
      )(res, req),
    );
    const created = await ctx.client.createSpec(REQUEST);
    assertClean('raw', JSON.stringify(created.raw));
  });

  it('does not echo a secret put in workflow input', () => {
    try {
      validateCreateSpecRequest(REQUEST);
      assert.fail('expected InvalidRequestError');
    } catch (err) {
      assert.ok(err instanceof InvalidRequestError);
      assertClean('validation error', `${err.message} ${JSON.stringify(err)} ${inspect(err)}`);
    }
  });

  it('keeps the API key out of the client object itself', () => {
    assertClean('client', `${inspect(ctx.client, { depth: 10, showHidden: true })} ${JSON.stringify(ctx.client)}`);
  });

  it('sends the API key as a Bearer token and a User-Agent naming the package', async () => {
    ctx.server.reply(text(200, '{"id":"s-1"}'));
    await ctx.client.getSpec('s-1');
    const headers = ctx.server.requests[0]?.headers;
    assert.equal(headers?.authorization, `Bearer ${TEST_API_KEY}`);
    assert.match(headers?.['user-agent'] ?? '', /^dataframer-temporal\/\d+\.\d+\.\d+/);
    assert.equal(headers?.accept, 'application/json');
  });
});
