// Property-based: generated create-spec requests, invalid ones refused before any HTTP call with a
// message naming the field, valid ones passing unchanged onto the wire (loopback server, real undici).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidRequestError, isDatabricksModel, validateCreateSpecRequest } from '../../src/dataframer';
import { TEST_API_KEY, rejectionOf, useScriptedClient } from '../dataframer/support/scripted-client';
import { json } from '../dataframer/support/scripted-server';
import { expectedValidated, invalidRequest, validRequest } from './support/create-spec-arbitraries';
import { FUZZ_RUNS, FUZZ_SEED, printFuzzSeed } from './support/seed';

const SPEC_ID = '550e8400-e29b-41d4-a716-446655440000';
const options = { seed: FUZZ_SEED, numRuns: FUZZ_RUNS };
// Secrets of a realistic length: the client redacts every occurrence of the secret in answers, so a
// one-character secret would scrub the spec id too.
const SECRET = fc.stringMatching(/^[A-Za-z0-9_.~-]{16,40}$/);

describe('fuzz: create-spec requests', () => {
  const ctx = useScriptedClient();
  before(printFuzzSeed);

  it(`refuses ${FUZZ_RUNS} generated invalid requests before any HTTP call, naming the field`, async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(invalidRequest, async ({ kind, input, field }) => {
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        for (const err of [
          await rejectionOf(Promise.resolve().then(() => validateCreateSpecRequest(input))),
          await rejectionOf(ctx.client.createSpec(input as never)),
        ]) {
          assert.ok(err instanceof InvalidRequestError, `${kind}: ${String(err)}`);
          assert.ok(err.message.includes(`${field}:`), `${kind}: "${err.message}" does not name ${field}`);
          assert.ok(!err.message.includes(TEST_API_KEY));
        }
      }),
      options,
    );
    assert.equal(ctx.server.requests.length, 0, 'an invalid request reached the server');
    assert.ok(kinds.size >= 15, `every kind of mutation generated: ${[...kinds.keys()].join(', ')}`);
  });

  it(`passes ${FUZZ_RUNS} generated valid requests unchanged, onto the wire too`, async () => {
    ctx.server.always(json(202, { id: SPEC_ID }));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(validRequest, fc.option(SECRET), async (request, secret) => {
        const before = structuredClone(request);
        const expected = expectedValidated(request);
        assert.deepEqual(validateCreateSpecRequest(request), expected);
        assert.deepEqual(request, before, 'validation must not change its input');
        const model = request.spec_generation_model_name;
        const needsSecret = typeof model === 'string' && isDatabricksModel(model);
        const body =
          needsSecret || secret !== null
            ? { ...request, databricks_client_secret: secret ?? 'dapi-0123456789abcdef' }
            : request;
        assert.equal((await ctx.client.createSpec(body as never)).id, SPEC_ID);
        sent += 1;
        const wire: unknown = JSON.parse(ctx.server.requests.at(-1)?.body ?? 'null');
        const wireExpected =
          'databricks_client_secret' in body
            ? { ...expected, databricks_client_secret: body.databricks_client_secret }
            : expected;
        assert.deepEqual(wire, wireExpected);
      }),
      options,
    );
    assert.equal(ctx.server.requests.length, sent);
  });
});
