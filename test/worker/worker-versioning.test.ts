import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { decodeVersioningBehavior } from '@temporalio/common';
import { NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { startDevServer, type RunningDevServer } from '../../src/testing/dev-server';
import { createWorker, type CreatedWorker } from '../../src/worker/create-worker';
import { DEFAULT_VERSIONING_BEHAVIOR, toWorkerDeploymentOptions } from '../../src/worker/worker-versioning';
import { createSpecWorkflow, getProgressQuery } from '../../src/workflows';
import { bundleWorkflowsForTest } from '../support/workflow-bundle';

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) assert.fail(`${what} never happened: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('worker: Worker Versioning', function () {
  it('is off unless configured, and pins by default', function () {
    assert.equal(toWorkerDeploymentOptions(undefined), undefined);
    assert.deepEqual(toWorkerDeploymentOptions({ deploymentName: 'dataframer-specs', buildId: '0.1.0' }), {
      version: { deploymentName: 'dataframer-specs', buildId: '0.1.0' },
      useWorkerVersioning: true,
      defaultVersioningBehavior: 'PINNED',
    });
    assert.equal(DEFAULT_VERSIONING_BEHAVIOR, 'PINNED');
    assert.throws(() => toWorkerDeploymentOptions({ deploymentName: ' ', buildId: '1' }), /non-empty/);
  });

  describe('on a dev server: a breaking release next to the one it replaces', function () {
    this.timeout(90_000);
    let server: RunningDevServer;
    let connection: NativeConnection;
    let clientConnection: Connection;
    let client: Client;
    let simulator: RunningSimulator;
    let dataframer: DataFramerClient;
    let current: WorkflowBundleWithSourceMap;
    let breaking: WorkflowBundleWithSourceMap;

    before(async function () {
      [server, current, breaking, simulator] = await Promise.all([
        startDevServer(),
        bundleWorkflowsForTest(require.resolve('../../src/workflows')),
        // Its first command differs from 0.1.0's: it would fail every 0.1.0 run with non-determinism.
        bundleWorkflowsForTest(require.resolve('../upgrade/support/changed-workflow')),
        startSimulator({ completion: { manual: true } }),
      ]);
      connection = await NativeConnection.connect({ address: server.address });
      clientConnection = await Connection.connect({ address: server.address });
      client = new Client({ connection: clientConnection });
      dataframer = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    });

    after(async function () {
      await dataframer?.close();
      await simulator?.close();
      await connection?.close();
      await clientConnection?.close();
      await server?.stop();
    });

    const setCurrentVersion = (deploymentName: string, buildId: string) =>
      eventually(`${deploymentName}.${buildId} becoming current`, async () =>
        client.workflowService.setWorkerDeploymentCurrentVersion({ namespace: 'default', deploymentName, buildId }),
      );

    const versionOf = (handle: WorkflowHandle) =>
      eventually(`a version for ${handle.workflowId}`, async () => {
        const info = (await handle.describe()).raw.workflowExecutionInfo?.versioningInfo;
        const buildId = info?.deploymentVersion?.buildId;
        return buildId ? { buildId, behavior: decodeVersioningBehavior(info?.behavior) } : undefined;
      });

    /** A worker deployment on its own task queue; `launch` runs one more version of it. */
    function deployment(defaultVersioningBehavior?: 'PINNED' | 'AUTO_UPGRADE') {
      const deploymentName = `dataframer-test-${randomUUID().slice(0, 8)}`;
      const taskQueue = `versioning-${randomUUID()}`;
      const running: { created: CreatedWorker; run: Promise<void> }[] = [];
      return {
        taskQueue,
        /** 0.1.0 runs today's workflow code; any other build id runs the breaking change. */
        async launch(buildId: string) {
          const created = await createWorker({
            connection,
            taskQueue,
            dataframer,
            workflowBundle: buildId === '0.1.0' ? current : breaking,
            versioning: { deploymentName, buildId, ...(defaultVersioningBehavior && { defaultVersioningBehavior }) },
          });
          running.push({ created, run: created.worker.run() });
          await setCurrentVersion(deploymentName, buildId);
        },
        async stop() {
          for (const { created } of running) created.worker.shutdown();
          await Promise.all(running.map(({ run }) => run));
        },
      };
    }

    const startWaiting = (taskQueue: string, name: string) =>
      client.workflow.start(createSpecWorkflow, {
        taskQueue,
        workflowId: `versioning-${randomUUID()}`,
        args: [
          {
            request: { name, generation_objectives: 'Product reviews' },
            pollingDesign: 'timer-activity',
            poll: { initialInterval: '200 milliseconds', maximumInterval: '200 milliseconds' },
          },
        ],
      });

    const failedTasksOf = async (handle: WorkflowHandle) =>
      ((await handle.fetchHistory()).events ?? []).filter((event) => event.workflowTaskFailedEventAttributes);

    it('keeps a running workflow on the version it started on while new ones start on the next', async function () {
      const specs = deployment();
      try {
        await specs.launch('0.1.0');
        const name = `pinned-${randomUUID()}`;
        const old = await startWaiting(specs.taskQueue, name);
        assert.deepEqual(await versionOf(old), { buildId: '0.1.0', behavior: 'PINNED' });

        await specs.launch('0.2.0');
        const fresh = await client.workflow.start('createSpecWorkflow', {
          taskQueue: specs.taskQueue,
          workflowId: `versioning-${randomUUID()}`,
          args: [{ request: { name: `fresh-${randomUUID()}` } }],
        });
        assert.deepEqual(await versionOf(fresh), { buildId: '0.2.0', behavior: 'PINNED' });

        // The pinned run keeps making progress (each read is a workflow task) on 0.1.0's workers...
        const { reads } = await old.query(getProgressQuery);
        await eventually('two more reads', async () =>
          (await old.query(getProgressQuery)).reads >= reads + 2 ? true : undefined,
        );
        simulator.control.complete(name);
        assert.equal((await old.result()).status, 'SUCCEEDED');
        // ... and never reached 0.2.0's, which would have failed its task with non-determinism.
        assert.deepEqual(await failedTasksOf(old), []);
        assert.deepEqual(await versionOf(old), { buildId: '0.1.0', behavior: 'PINNED' });
        // The new run ran 0.2.0's code: its first command is the timer 0.1.0 never starts.
        await fresh.result().catch(() => undefined);
        assert.ok((await fresh.fetchHistory()).events?.some((event) => event.timerStartedEventAttributes));
      } finally {
        await specs.stop();
      }
    });

    it('shows why PINNED is the default: with AUTO_UPGRADE the running workflow moves and breaks', async function () {
      const specs = deployment('AUTO_UPGRADE');
      try {
        await specs.launch('0.1.0');
        const old = await startWaiting(specs.taskQueue, `auto-${randomUUID()}`);
        assert.deepEqual(await versionOf(old), { buildId: '0.1.0', behavior: 'AUTO_UPGRADE' });
        await specs.launch('0.2.0');
        const [failed] = await eventually('a failed workflow task', async () => {
          const failedTasks = await failedTasksOf(old);
          return failedTasks.length > 0 ? failedTasks : undefined;
        });
        assert.match(String(failed?.workflowTaskFailedEventAttributes?.failure?.message), /nondetermin/i);
        await old.terminate('test over');
      } finally {
        await specs.stop();
      }
    });
  });
});
