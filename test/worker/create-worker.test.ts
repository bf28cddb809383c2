import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import type { NativeConnection, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DEFAULT_TASK_QUEUE } from '../../src/common/constants';
import { DataFramerClient } from '../../src/dataframer';
import { startDevServer, type RunningDevServer } from '../../src/testing/dev-server';
import {
  createWorker,
  resolveCreateWorkerOptions,
  withDatabricksSecretsRedacted,
} from '../../src/worker/create-worker';
import { checkServerVersion, MIN_TEMPORAL_SERVER_VERSION } from '../../src/worker/server-version';
import { connectClient, connectToTemporal } from '../../src/worker/temporal-connection';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';

/** Counts `close()` calls on every DataFramerClient while installed. */
function spyOnClientClose(): { closed: DataFramerClient[]; restore(): void } {
  const original = Object.getOwnPropertyDescriptor(DataFramerClient.prototype, 'close');
  const closed: DataFramerClient[] = [];
  DataFramerClient.prototype.close = function (this: DataFramerClient) {
    closed.push(this);
    return (original?.value as DataFramerClient['close']).call(this);
  };
  return { closed, restore: () => Object.defineProperty(DataFramerClient.prototype, 'close', original!) };
}

describe('worker: the Temporal server version', function () {
  it('says when a server is too old for the default polling design, and what to do', function () {
    for (const version of ['1.24.3', 'v1.20.0', '1.24']) {
      const check = checkServerVersion(version);
      assert.equal(check.supported, false, version);
      assert.match(check.message, new RegExp(`older than ${MIN_TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}`));
      assert.match(check.message, /pollingDesign: 'timer-activity'/);
    }
    for (const version of ['1.25.0', '1.32.0', '1.40.0-rc.1', '2.0.0'])
      assert.equal(checkServerVersion(version).supported, true);
    for (const version of [undefined, '', 'cloud']) {
      const check = checkServerVersion(version);
      assert.equal(check.supported, undefined);
      assert.match(check.message, /timer-activity/);
    }
  });
});

describe('worker: createWorker', function () {
  it('fills the documented defaults', function () {
    const connection = {} as NativeConnection;
    const resolved = resolveCreateWorkerOptions({ connection, dataframer: { apiKey: 'sk-test' } });
    assert.deepEqual(resolved, {
      connection,
      dataframer: { apiKey: 'sk-test' },
      taskQueue: DEFAULT_TASK_QUEUE,
      namespace: 'default',
      databricksSecrets: {},
      maxCachedWorkflows: 100,
      maxConcurrentActivityTaskExecutions: 100,
      shutdownGraceTime: '30 seconds',
    });
  });

  it('adds every Databricks secret to the secrets the client redacts', function () {
    const options = withDatabricksSecretsRedacted(
      { apiKey: 'sk-test', secretsToRedact: ['other'] },
      { defaultSecret: 'dbx-default', byClientId: { a: 'dbx-a', b: 'dbx-b' } },
    );
    assert.deepEqual(options, { apiKey: 'sk-test', secretsToRedact: ['other', 'dbx-default', 'dbx-a', 'dbx-b'] });
  });

  describe('on a dev server', function () {
    let server: RunningDevServer;
    let connection: NativeConnection;
    let clientConnection: Connection;
    let bundle: WorkflowBundleWithSourceMap;

    before(async function () {
      [server, bundle] = await Promise.all([
        startDevServer(),
        bundleWorkflowsForTest(require.resolve('../../src/workflows')),
      ]);
      const config = { address: server.address, namespace: 'default', tls: false as const };
      [connection, clientConnection] = await Promise.all([connectToTemporal(config), connectClient(config)]);
    });

    after(async function () {
      await connection?.close();
      await clientConnection?.close();
      await server?.stop();
    });

    it('connects both sides with the same options', async function () {
      const { serverVersion } = await clientConnection.workflowService.getSystemInfo({});
      assert.equal(typeof serverVersion, 'string');
    });

    it('passes the tuning through and closes the client it made, once', async function () {
      const spy = spyOnClientClose();
      try {
        const taskQueue = `create-worker-${randomUUID()}`;
        const created = await createWorker({
          connection,
          taskQueue,
          dataframer: { apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9' },
          workflowBundle: bundle,
          maxConcurrentActivityTaskExecutions: 7,
          maxConcurrentWorkflowTaskExecutions: 3,
          maxTaskQueueActivitiesPerSecond: 2.5,
          shutdownGraceTime: '4 seconds',
        });
        const { options } = created.worker;
        assert.deepEqual(created.serverVersion, {
          serverVersion: '1.32.0',
          supported: true,
          message: 'Temporal server 1.32.0',
        });
        assert.equal(options.taskQueue, taskQueue);
        assert.equal(options.namespace, 'default');
        assert.equal(options.maxTaskQueueActivitiesPerSecond, 2.5);
        assert.equal(options.maxActivitiesPerSecond, undefined);
        assert.equal(options.shutdownGraceTimeMs, 4_000);
        assert.match(options.identity, /^\d+@/, 'the SDK default identity');
        assert.deepEqual(options.tuner.activityTaskSlotSupplier, { type: 'fixed-size', numSlots: 7 });
        assert.deepEqual(options.tuner.workflowTaskSlotSupplier, { type: 'fixed-size', numSlots: 3 });
        await created.worker.runUntil(Promise.resolve());
        await created.close();
        assert.deepEqual(spy.closed, [created.client]);
      } finally {
        spy.restore();
      }
    });

    it('leaves a client passed in open for its owner', async function () {
      const client = new DataFramerClient({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9' });
      const spy = spyOnClientClose();
      try {
        const created = await createWorker({
          connection,
          taskQueue: `create-worker-${randomUUID()}`,
          dataframer: client,
          workflowBundle: bundle,
        });
        assert.equal(created.client, client);
        await created.worker.runUntil(Promise.resolve());
        await created.close();
        assert.deepEqual(spy.closed, []);
      } finally {
        spy.restore();
        await client.close();
      }
    });

    it('closes the client it made when the worker cannot be created', async function () {
      const spy = spyOnClientClose();
      try {
        await assert.rejects(
          createWorker({
            connection,
            taskQueue: `create-worker-${randomUUID()}`,
            dataframer: { apiKey: 'sk-test' },
            workflowBundle: bundle,
            maxConcurrentActivityTaskExecutions: 0,
          }),
          /poller behavior must be at least 1/,
        );
        assert.equal(spy.closed.length, 1);
      } finally {
        spy.restore();
      }
    });
  });
});
