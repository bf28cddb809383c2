// The child helpers compute the child's workflow id in the PARENT's workflow code: a request of the
// wrong type must fail there with an InvalidInput the parent can catch, never throw a TypeError that
// fails the parent's workflow task over and over (before the fix: `datasetId.trim is not a function`).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator } from '../../src/simulator';
import { useTemporalWorld } from '../support/temporal-world';
import { childHelperParentWorkflow, type Caught, type ChildCall } from './support/parent-workflows';
import { settleWithin, workflowTaskFailures } from './support/stuck-tasks';

const seedless = () => ({ name: `child-${randomUUID()}`, generation_objectives: 'Short product reviews' });

const CASES: [string, ChildCall, Caught][] = [
  [
    'a dataset_id that is a number',
    { helper: 'executeCreateSpecChild', input: { request: { name: 'a', dataset_id: 42 } } },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'request.dataset_id' },
  ],
  [
    'a name that is a number (startCreateSpecChild)',
    { helper: 'startCreateSpecChild', input: { request: { name: 5, dataset_id: {} } } },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'request.name' },
  ],
  [
    'a request that is an array',
    { helper: 'executeCreateSpecChild', input: { request: [1, 2] } },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'request' },
  ],
  [
    'no input at all',
    { helper: 'executeCreateSpecChild', input: null },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'input' },
  ],
  [
    'a batch name that is a number',
    { helper: 'executeCreateSpecsBatchChild', input: { requests: [] }, name: 42 },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'name' },
  ],
  [
    'a blank batch name',
    { helper: 'executeCreateSpecsBatchChild', input: { requests: [] }, name: ' ' },
    { kind: 'ApplicationFailure', type: 'InvalidInput', field: 'name' },
  ],
];

describe('child helpers given input of the wrong type, in the parent (time-skipping server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping', require.resolve('./support/parent-workflows'));

  it('fail in the parent with a catchable InvalidInput naming the field; a good request still runs its child', async function () {
    const simulator = await startSimulator({ completion: { afterReads: 0 } });
    const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey });
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue,
      workflowBundle: world.bundle,
      activities: createActivities({ client }),
    });
    const good: ChildCall = { helper: 'executeCreateSpecChild', input: { request: seedless() } };
    const calls = [...CASES.map(([, c]) => c), good];
    try {
      const endings = await worker.runUntil(async () => {
        const endings = [];
        for (const c of calls) {
          const handle = await world.env.client.workflow.start(childHelperParentWorkflow, {
            taskQueue,
            workflowId: `parent-${randomUUID()}`,
            args: [c],
          });
          const settled = await settleWithin(handle.result(), 20_000);
          endings.push({ settled, stuck: await workflowTaskFailures(world.env.client, handle.workflowId) });
        }
        return endings;
      });
      CASES.forEach(([what, , expected], i) => {
        const { settled, stuck } = endings[i]!;
        assert.equal(settled.status, 'resolved', `${what}: the parent did not end (${stuck.join('; ')})`);
        assert.deepEqual(stuck, [], what);
        const { message, ...caught } = settled.value;
        assert.deepEqual(caught, expected, `${what}: ${message}`);
      });
      assert.deepEqual(endings.at(-1)?.settled, { status: 'resolved', value: { kind: 'none' } });
    } finally {
      await client.close();
      await simulator.close();
    }
  });
});
