import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { startDevServer, type RunningDevServer } from '../../src/testing/dev-server';
import type { createSpecWorkflow } from '../../src/workflows';
import { spawnWorker, type WorkerProcess } from '../support/worker-process';

const GRACE_MS = 10_000;
const STACK_LINE = /^\s+at .+/m;

function pollingLine(taskQueue: string, address: string): string {
  return `dataframer-temporal worker polling task queue "${taskQueue}" on ${address} namespace default`;
}

async function pollerIdentities(connection: Connection, taskQueue: string, type: temporal.api.enums.v1.TaskQueueType) {
  const { pollers } = await connection.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: type,
  });
  return new Set((pollers ?? []).map((poller) => poller.identity ?? ''));
}

async function waitForPollers(connection: Connection, taskQueue: string, count: number): Promise<void> {
  const { TASK_QUEUE_TYPE_WORKFLOW, TASK_QUEUE_TYPE_ACTIVITY } = temporal.api.enums.v1.TaskQueueType;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const workflow = await pollerIdentities(connection, taskQueue, TASK_QUEUE_TYPE_WORKFLOW);
    const activity = await pollerIdentities(connection, taskQueue, TASK_QUEUE_TYPE_ACTIVITY);
    if (workflow.size >= count && activity.size >= count) return;
    if (Date.now() > deadline) {
      assert.fail(`pollers: workflow ${[...workflow].join(', ')}; activity ${[...activity].join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('worker: the `npm run worker` process', function () {
  it('exits 2 with one clear message and no stack trace when DATAFRAMER_API_KEY is missing', async function () {
    const worker = spawnWorker({ DATAFRAMER_MAX_CONCURRENT_ACTIVITIES: 'abc' });
    const { code } = await worker.waitForExit();
    assert.equal(code, 2, worker.stderr());
    assert.equal(
      worker.stderr().trim(),
      [
        'Invalid worker configuration:',
        '  - DATAFRAMER_API_KEY is required (the DataFramer API key)',
        '  - DATAFRAMER_MAX_CONCURRENT_ACTIVITIES must be a positive integer, got "abc"',
      ].join('\n'),
    );
    assert.equal(worker.stdout(), '');
  });

  it('exits 2 naming the variable when a TLS file cannot be read, without printing the API key', async function () {
    const worker = spawnWorker({ DATAFRAMER_API_KEY: 'sk-SECRET', TEMPORAL_TLS_CA_PATH: '/nonexistent/ca.pem' });
    const { code } = await worker.waitForExit();
    assert.equal(code, 2, worker.stderr());
    assert.match(
      worker.stderr(),
      /TEMPORAL_TLS_CA_PATH names a file that cannot be read: "\/nonexistent\/ca.pem" \(ENOENT\)/,
    );
    assert.doesNotMatch(worker.stderr(), STACK_LINE);
    assert.ok(!worker.stderr().includes('sk-SECRET'));
  });

  describe('two worker processes on one task queue of a real dev server', function () {
    const taskQueue = `worker-process-${randomUUID()}`;
    let server: RunningDevServer;
    let simulator: RunningSimulator;
    let connection: Connection;
    let workers: WorkerProcess[] = [];

    before(async function () {
      [server, simulator] = await Promise.all([startDevServer(), startSimulator({ completion: { afterReads: 1 } })]);
      connection = await Connection.connect({ address: server.address });
      const env = {
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATAFRAMER_API_KEY: simulator.apiKey,
        DATAFRAMER_BASE_URL: simulator.url,
        DATAFRAMER_SHUTDOWN_GRACE_TIME: `${GRACE_MS} ms`,
        DATAFRAMER_API_REQUESTS_PER_SECOND: '50',
      };
      workers = [spawnWorker(env), spawnWorker(env)];
    });

    after(async function () {
      for (const worker of workers) worker.kill();
      await connection?.close();
      await Promise.all([simulator?.close(), server?.stop()]);
    });

    it('each prints its polling line, and the server sees two distinct pollers', async function () {
      await Promise.all(workers.map((worker) => worker.waitForStdout(pollingLine(taskQueue, server.address))));
      await waitForPollers(connection, taskQueue, 2);
    });

    it('runs createSpecWorkflow against the DataFramer API at DATAFRAMER_BASE_URL', async function () {
      const client = new Client({ connection });
      const request = { name: `worker-process-${randomUUID()}`, generation_objectives: 'Short product reviews' };
      const result = await client.workflow.execute<typeof createSpecWorkflow>('createSpecWorkflow', {
        taskQueue,
        workflowId: `spec-${randomUUID()}`,
        args: [{ request, poll: { initialInterval: '100 ms', maximumInterval: '200 ms' } }],
        workflowExecutionTimeout: '20 seconds',
      });
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.name, request.name);
    });

    it('exits 0 on SIGTERM within the shutdown grace time, never having printed the API key', async function () {
      for (const worker of workers) worker.child.kill('SIGTERM');
      const exits = await Promise.all(workers.map((worker) => worker.waitForExit(GRACE_MS + 5_000)));
      for (const [index, exit] of exits.entries()) {
        const worker = workers[index]!;
        assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, worker.stderr());
        assert.ok(exit.afterMs < GRACE_MS, `took ${exit.afterMs} ms`);
        assert.ok(!`${worker.stdout()}${worker.stderr()}`.includes(simulator.apiKey), 'API key printed');
      }
    });
  });
});
