import assert from 'node:assert/strict';
import {
  InvalidRequestError,
  MAX_RUN_SAMPLES,
  validateCreateEvaluationRequest,
  validateCreateRunRequest,
  type CreateEvaluationRequest,
  type CreateRunRequest,
} from '../../src/dataframer';
import { rejectionOf, useScriptedClient } from './support/scripted-client';

const SPEC_ID = '550e8400-e29b-41d4-a716-446655440000';
const RUN_ID = '6ba7b810-9dad-41d1-80b4-00c04fd430c8';
const FULL_RUN: CreateRunRequest = {
  spec_id: SPEC_ID,
  number_of_samples: 250,
  spec_version: 2,
  generation_model: 'anthropic/claude-opus-5-5-thinking',
  outline_model: 'openai/gpt-6-astra',
  revision_model: 'some/model-we-do-not-know',
  generation_thinking_budget: 4096,
  outline_thinking_budget: 0,
  revision_thinking_budget: 1024,
  revision_types: ['coherence_flow', 'conformance'],
  filtering_types: ['structural'],
  enable_revisions: true,
  max_revision_cycles: 3,
  seed_shuffling_level: 'field',
  max_examples_in_prompt: 12,
  skip_outline: false,
  unified_multifield: true,
  tools: ['calculator'],
};

const INVALID_RUNS: [string, unknown, RegExp][] = [
  ['not an object', 'run please', /create-run request: must be an object/],
  ['an array', [SPEC_ID], /must be an object/],
  ['no spec_id', { number_of_samples: 1 }, /spec_id: must be a UUID/],
  ['spec_id not a UUID', { spec_id: 'spec-1', number_of_samples: 1 }, /spec_id: must be a UUID/],
  ['no number_of_samples', { spec_id: SPEC_ID }, /number_of_samples: required/],
  ['0 samples', { spec_id: SPEC_ID, number_of_samples: 0 }, /number_of_samples: must be at least 1/],
  ['20,001 samples', { spec_id: SPEC_ID, number_of_samples: 20_001 }, /number_of_samples: must be at most 20000/],
  ['fractional samples', { spec_id: SPEC_ID, number_of_samples: 2.5 }, /number_of_samples: must be an integer/],
  ['samples as a string', { spec_id: SPEC_ID, number_of_samples: '10' }, /number_of_samples: must be an integer/],
  ['a misspelt field', { spec_id: SPEC_ID, number_of_samples: 5, number_of_sample: 5 }, /number_of_sample/],
  ['spec_version 0', { spec_id: SPEC_ID, number_of_samples: 5, spec_version: 0 }, /spec_version: must be at least 1/],
  [
    'a blank model',
    { spec_id: SPEC_ID, number_of_samples: 5, generation_model: ' ' },
    /generation_model: must be a non-empty/,
  ],
  [
    'an unknown revision type',
    { spec_id: SPEC_ID, number_of_samples: 5, revision_types: ['tone'] },
    /revision_types\.0/,
  ],
  ['an unknown filter', { spec_id: SPEC_ID, number_of_samples: 5, filtering_types: ['vibes'] }, /filtering_types\.0/],
  [
    'an unknown shuffle',
    { spec_id: SPEC_ID, number_of_samples: 5, seed_shuffling_level: 'all' },
    /seed_shuffling_level/,
  ],
  [
    'a negative budget',
    { spec_id: SPEC_ID, number_of_samples: 5, revision_thinking_budget: -1 },
    /revision_thinking_budget/,
  ],
  [
    'a string flag',
    { spec_id: SPEC_ID, number_of_samples: 5, skip_outline: 'yes' },
    /skip_outline: must be true or false/,
  ],
];

describe('run and evaluation request validation', () => {
  const ctx = useScriptedClient();

  it('accepts the smallest run request and every field the SDK documents', () => {
    assert.deepEqual(validateCreateRunRequest({ spec_id: SPEC_ID, number_of_samples: 1 }), {
      spec_id: SPEC_ID,
      number_of_samples: 1,
    });
    assert.deepEqual(validateCreateRunRequest(FULL_RUN), FULL_RUN);
    assert.equal(
      validateCreateRunRequest({ spec_id: SPEC_ID, number_of_samples: MAX_RUN_SAMPLES }).number_of_samples,
      20_000,
    );
  });

  for (const [title, input, message] of INVALID_RUNS) {
    it(`refuses a run request with ${title}, naming the field`, () => {
      assert.throws(
        () => validateCreateRunRequest(input),
        (err: unknown) => {
          assert.ok(err instanceof InvalidRequestError);
          assert.match(err.message, /^Invalid create-run request: /);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  it('names every failing field at once', () => {
    assert.throws(
      () => validateCreateRunRequest({ spec_id: 'x', number_of_samples: 0 }),
      /spec_id: must be a UUID.*; number_of_samples: must be at least 1/,
    );
  });

  it('accepts an evaluation request with or without a model, and refuses bad ones', () => {
    const minimal: CreateEvaluationRequest = { run_id: RUN_ID };
    assert.deepEqual(validateCreateEvaluationRequest(minimal), minimal);
    assert.deepEqual(validateCreateEvaluationRequest({ ...minimal, evaluation_model: 'x/y' }), {
      ...minimal,
      evaluation_model: 'x/y',
    });
    assert.throws(() => validateCreateEvaluationRequest({}), /create-evaluation request: run_id: must be a UUID/);
    assert.throws(() => validateCreateEvaluationRequest({ run_id: RUN_ID, model: 'x' }), /model/);
    assert.throws(() => validateCreateEvaluationRequest(null), /must be an object/);
  });

  it('client methods refuse invalid requests and blank ids with zero HTTP requests', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['createRun', () => ctx.client.createRun({ spec_id: SPEC_ID, number_of_samples: 0 })],
      ['createRun (extra field)', () => ctx.client.createRun({ ...FULL_RUN, colour: 'red' } as never)],
      ['createEvaluation', () => ctx.client.createEvaluation({ run_id: 'nope' })],
      ['getRun', () => ctx.client.getRun('')],
      ['cancelRun', () => ctx.client.cancelRun(' ')],
      ['deleteRun', () => ctx.client.deleteRun('')],
      ['getRunFileDownloadUrl (run)', () => ctx.client.getRunFileDownloadUrl('', 'f')],
      ['getRunFileDownloadUrl (file)', () => ctx.client.getRunFileDownloadUrl(RUN_ID, '')],
      ['getRunFilesZipDownloadUrl', () => ctx.client.getRunFilesZipDownloadUrl('')],
      ['getEvaluation', () => ctx.client.getEvaluation('')],
      ['listRunEvaluations', () => ctx.client.listRunEvaluations('')],
    ];
    for (const [name, call] of calls) {
      const err = await rejectionOf(call());
      assert.ok(err instanceof InvalidRequestError, `${name}: ${String(err)}`);
    }
    assert.equal(ctx.server.requests.length, 0);
  });
});
