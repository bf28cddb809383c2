// Property-based: malformed answers of every endpoint (specs, runs, evaluations, lists), served by a
// loopback server to the real client, each end as one of our typed errors: never a crash, never a
// value, never an unhandled rejection, never the API key in the message.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectionError, DataFramerError, InvalidResponseError } from '../../src/dataframer';
import { TEST_API_KEY, rejectionOf, useScriptedClient } from '../dataframer/support/scripted-client';
import { text, truncatedBody } from '../dataframer/support/scripted-server';
import { ENDPOINTS, malformedAnswer, type Answer } from './support/response-arbitraries';
import { FUZZ_RUNS, FUZZ_SEED, printFuzzSeed } from './support/seed';

const reply = (answer: Answer) =>
  answer.kind === 'truncated'
    ? truncatedBody(answer.text, Buffer.byteLength(answer.text) + 100)
    : text(answer.status, answer.text, { 'content-type': 'application/json', ...answer.headers });

describe('fuzz: malformed API answers', () => {
  const ctx = useScriptedClient();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(() => {
    printFuzzSeed();
    process.on('unhandledRejection', onUnhandled);
  });
  after(() => process.off('unhandledRejection', onUnhandled));

  it(`classifies ${FUZZ_RUNS} malformed answers as typed errors`, async () => {
    const seen = new Map<string, number>();
    const caseArb = fc
      .constantFrom(...ENDPOINTS)
      .chain((endpoint) => malformedAnswer(endpoint).map((answer) => ({ endpoint, answer })));
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ endpoint, answer }) => {
        ctx.server.reset();
        ctx.server.always(reply(answer));
        const err = await rejectionOf(endpoint.call(ctx.client));
        const label = `${endpoint.name} ${JSON.stringify(answer).slice(0, 200)}`;
        assert.ok(err instanceof DataFramerError, `${label}: not a DataFramerError: ${String(err)}`);
        if (answer.kind === 'truncated') assert.ok(err instanceof ConnectionError, `${label}: ${err.name}`);
        else if (answer.status < 300) assert.ok(err instanceof InvalidResponseError, `${label}: ${err.name}`);
        assert.ok(!err.message.includes(TEST_API_KEY), `${label}: the API key is in the message`);
        const key = `${endpoint.name}:${err.name}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    const endpoints = new Set([...seen.keys()].map((k) => k.split(':')[0]));
    assert.equal(endpoints.size, ENDPOINTS.length, 'every endpoint fuzzed');
  });
});
