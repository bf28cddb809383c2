import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import { startCreateRun } from '../../src/client';
import { evaluationWorkflowId, pipelineWorkflowId, runWorkflowId } from '../../src/common/constants';

describe('run, evaluation and pipeline workflow ids', function () {
  it('derive a readable id from the caller key, hashing long or odd keys', function () {
    assert.equal(runWorkflowId('order-42'), 'dataframer-run/order-42');
    assert.equal(evaluationWorkflowId('order-42'), 'dataframer-evaluation/order-42');
    assert.equal(pipelineWorkflowId('reviews/2026-w49'), 'dataframer-pipeline/reviews/2026-w49');
    assert.match(runWorkflowId('x'.repeat(500)), /^dataframer-run\/#[0-9a-f]{32}$/);
    assert.match(runWorkflowId('tab\there'), /^dataframer-run\/#[0-9a-f]{32}$/);
    assert.notEqual(runWorkflowId('a'.repeat(500)), runWorkflowId('b'.repeat(500)));
  });

  it('startCreateRun refuses to start without a key or workflow id (a run has no name to derive one from)', function () {
    const client = {} as Client; // never reached
    assert.throws(
      () => startCreateRun(client, { request: { spec_id: 's', number_of_samples: 1 } }, {}),
      /options\.key or options\.workflowId/,
    );
  });
});
