// getSucceededSpecWorkflow outside a worker: without the worker's Temporal client it answers null (the
// child helper then lets the refused start through, as before), and never throws a plain Error.
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { getSucceededSpecWorkflow } from '../../src/activities/succeeded-spec-workflow';

describe('getSucceededSpecWorkflow', function () {
  it('answers null in a MockActivityEnvironment created without a client', async function () {
    const env = new MockActivityEnvironment();
    assert.equal(await env.run(getSucceededSpecWorkflow, 'dataframer-spec/seedless/anything'), null);
  });
});
