import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDevServerTestEnvironment, createTimeSkippingTestEnvironment } from '../../src/testing/test-environments';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';
import { sleepWorkflow } from './smoke-workflows';

const HOUR_MS = 60 * 60 * 1000;

async function runSleep(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, duration: string) {
  const taskQueue = `smoke-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
  return worker.runUntil(
    env.client.workflow.execute(sleepWorkflow, { taskQueue, workflowId: taskQueue, args: [duration] }),
  );
}

describe('foundation: real Temporal servers from the provisioned binaries', function () {
  let bundle: WorkflowBundleWithSourceMap;

  before(async function () {
    bundle = await bundleWorkflowsForTest(require.resolve('./smoke-workflows'));
  });

  it('time-skipping server completes a one-hour durable timer in well under a second of wall time', async function () {
    const env = await createTimeSkippingTestEnvironment();
    try {
      const startedAt = Date.now();
      const sleptMs = await runSleep(env, bundle, '1 hour');
      const wallMs = Date.now() - startedAt;
      assert.ok(sleptMs >= HOUR_MS, `workflow time advanced ${sleptMs} ms`);
      assert.ok(wallMs < 5_000, `took ${wallMs} ms of wall time`);
    } finally {
      await env.teardown();
    }
  });

  it('dev server completes a short durable timer', async function () {
    const env = await createDevServerTestEnvironment();
    try {
      const sleptMs = await runSleep(env, bundle, '1 second');
      assert.ok(sleptMs >= 1_000, `workflow time advanced ${sleptMs} ms`);
    } finally {
      await env.teardown();
    }
  });
});
