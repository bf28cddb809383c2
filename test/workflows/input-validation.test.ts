import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { resolveWorkflowSettings } from '../../src/workflows/input-validation';
import type { CreateSpecWorkflowInput } from '../../src/workflows';

const request = { name: 'reviews', generation_objectives: 'Product reviews' };

function rejection(input: unknown): ApplicationFailure {
  try {
    resolveWorkflowSettings(input as CreateSpecWorkflowInput);
  } catch (err) {
    assert.ok(err instanceof ApplicationFailure, String(err));
    return err;
  }
  return assert.fail('expected InvalidInput');
}

describe('createSpecWorkflow input validation (in the workflow, before any activity)', function () {
  it('fills the documented defaults', function () {
    const settings = resolveWorkflowSettings({ request });
    assert.equal(settings.name, 'reviews');
    assert.equal(settings.deadlineMs, 24 * 3_600_000);
    assert.equal(settings.onCancel, 'abandon');
    assert.equal(settings.pollingDesign, 'activity-retry');
    assert.equal(settings.continueAsNewAfterReads, 2000);
    assert.equal(settings.ifNameExists, 'fail');
    assert.equal(settings.createMaximumAttempts, undefined, 'creates retried until the deadline');
    assert.equal(settings.schedule.maximumIntervalMs, 60_000);
  });

  const cases: [string, unknown, RegExp][] = [
    ['input not an object', null, /input: must be an object/],
    ['request missing', {}, /request: must be an object/],
    ['name missing', { request: { generation_objectives: 'x' } }, /request\.name/],
    ['name blank', { request: { ...request, name: '  ' } }, /request\.name/],
    ['seedless without objectives', { request: { name: 'a' } }, /request\.generation_objectives/],
    [
      'raw Databricks secret',
      { request: { ...request, databricks_client_secret: 's' } },
      /DATAFRAMER_DATABRICKS_CLIENT_SECRET/,
    ],
    ['poll interval not a duration', { request, poll: { initialInterval: 'soon' } }, /poll\.initialInterval: /],
    ['poll jitter above 1', { request, poll: { jitter: 2 } }, /poll: .*jitter/],
    ['deadline not a duration', { request, deadline: 'tomorrow' }, /deadline/],
    ['deadline zero', { request, deadline: 0 }, /deadline/],
    ['unknown onCancel', { request, onCancel: 'explode' }, /onCancel: must be one of abandon, delete/],
    ['unknown polling design', { request, pollingDesign: 'busy-loop' }, /pollingDesign/],
    ['unknown ifNameExists', { request, ifNameExists: 'replace' }, /ifNameExists: must be one of fail, adopt/],
    [
      'continueAsNewAfterReads not a positive integer',
      { request, continueAsNewAfterReads: 0.5 },
      /continueAsNewAfterReads/,
    ],
    ['createMaximumAttempts zero', { request, createMaximumAttempts: 0 }, /createMaximumAttempts/],
    ['createMaximumAttempts not an integer', { request, createMaximumAttempts: 2.5 }, /createMaximumAttempts/],
    [
      'callerMayHaveCreatedSinceMs not a time',
      { request, callerMayHaveCreatedSinceMs: -1 },
      /callerMayHaveCreatedSinceMs/,
    ],
    // Values of the wrong type, wherever they are: a field is named, never a TypeError thrown.
    ['input an array', [{ request }], /input: must be an object/],
    ['request an array', { request: [request] }, /request: must be an object/],
    ['name a number', { request: { ...request, name: 5 } }, /request\.name/],
    ['dataset_id a number', { request: { name: 'a', dataset_id: 42 } }, /request\.dataset_id: must be a string/],
    ['dataset_id an object', { request: { name: 'a', dataset_id: {} } }, /request\.dataset_id/],
    [
      'generation_objectives a number',
      { request: { name: 'a', dataset_id: '550e8400-e29b-41d4-a716-446655440000', generation_objectives: 5 } },
      /request\.generation_objectives: must be a string/,
    ],
    ['poll not an object', { request, poll: 'fast' }, /poll: must be an object/],
    ['poll jitter a string', { request, poll: { jitter: '0.1' } }, /poll\.jitter: must be a number/],
    ['poll coefficient a boolean', { request, poll: { backoffCoefficient: true } }, /poll\.backoffCoefficient/],
    ['deadline an object', { request, deadline: { hours: 1 } }, /deadline/],
    ['onCancel a number', { request, onCancel: 1 }, /onCancel/],
    ['state not an object', { request, state: 'x' }, /state: must be an object/],
  ];
  for (const [what, input, field] of cases) {
    it(`rejects ${what} as a non-retryable InvalidInput naming the field`, function () {
      const failure = rejection(input);
      assert.equal(failure.type, 'InvalidInput');
      assert.equal(failure.nonRetryable, true);
      assert.match(failure.message, field);
    });
  }

  it('never echoes the secret it refuses', function () {
    const failure = rejection({ request: { ...request, databricks_client_secret: 'dbx-SECRET-9' } });
    assert.equal(
      JSON.stringify({ message: failure.message, details: failure.details }).includes('dbx-SECRET-9'),
      false,
    );
  });
});
