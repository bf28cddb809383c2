// Exit 3 for DataFramer unreachable, as a user meets it: a worker whose DataFramer (the simulator) is
// stopped, and a create that either bounds its attempts or runs out of its deadline through the outage.
import assert from 'node:assert/strict';
import { seedlessRequest } from '../support/spec-harness';
import { useCliWorld } from './support/cli-world';

describe('cli: exit 3 when DataFramer is unreachable (dev server, worker, simulator stopped)', function () {
  this.timeout(180_000);
  const cliWorld = useCliWorld({ completion: { afterReads: 1 } });
  const { cli } = cliWorld;

  before(async function () {
    // The worker's client keeps the simulator's URL: every call is refused from here on.
    await cliWorld.harness.simulator.close();
  });

  it('create --create-attempts 2 exits 3 with ConnectionError once its two attempts were refused', async function () {
    const { name } = seedlessRequest('cli-unreachable-attempts');
    const run = await cli([
      'create',
      '--json',
      '--name',
      name,
      '--generation-objectives',
      'x',
      '--create-attempts',
      '2',
    ]);
    assert.equal(run.code, 3, run.stderr);
    const result = run.jsonLines().at(-1)!;
    assert.deepEqual([result.type, result.status, result.exitCode], ['result', 'FAILED', 3]);
    assert.equal((result.failure as { type: string }).type, 'ConnectionError');
    const status = await cli(['status', name, '--json']);
    assert.equal(status.code, 3, 'status of the ended spec says the same');
  });

  it('create exits 3 when its deadline passes while DataFramer is unreachable (SpecDeadlineExceeded)', async function () {
    const { name } = seedlessRequest('cli-unreachable-deadline');
    const run = await cli(['create', '--json', '--name', name, '--generation-objectives', 'x', '--deadline', '3s']);
    assert.equal(run.code, 3, run.stderr);
    const result = run.jsonLines().at(-1)!;
    const failure = result.failure as { type: string; lastTransientError?: string };
    assert.equal(failure.type, 'SpecDeadlineExceeded');
    assert.match(String(failure.lastTransientError), /^ConnectionError: /);
  });

  it('a create waiting out the outage: status exits 0 (RUNNING, the last error shown); cancel 0, and 0 again once ended', async function () {
    const { name } = seedlessRequest('cli-unreachable-running');
    const started = await cli(['create', '--no-wait', '--name', name, '--generation-objectives', 'x']);
    assert.equal(started.code, 0, started.stderr);
    let progress: { phase?: string; lastTransientError?: string } | undefined;
    for (let i = 0; i < 60 && progress?.lastTransientError === undefined; i++) {
      const status = await cli(['status', name, '--json']);
      assert.equal(status.code, 0, status.stderr);
      const result = status.jsonLines().at(-1)!;
      assert.equal(result.workflowStatus, 'RUNNING');
      progress = result.progress as typeof progress;
    }
    assert.equal(progress?.phase, 'creating');
    assert.match(String(progress?.lastTransientError), /^ConnectionError: /);
    const cancel = await cli(['cancel', name, '--json']);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.equal(cancel.jsonLines().at(-1)?.workflowStatus, 'CANCELLED');
    const again = await cli(['cancel', name, '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      [again.jsonLines().at(-1)?.cancelled, again.jsonLines().at(-1)?.workflowStatus],
      [false, 'CANCELLED'],
    );
    const status = await cli(['status', name]);
    assert.equal(status.code, 1, 'a cancelled spec exits 1');
  });

  it('create --create-attempts rejects a value that is not a positive integer (exit 2)', async function () {
    const run = await cli([
      'create',
      '--json',
      '--name',
      'x',
      '--generation-objectives',
      'x',
      '--create-attempts',
      '0',
    ]);
    assert.equal(run.code, 2);
    assert.match(String(run.jsonLines().at(-1)?.error), /--create-attempts must be a whole number from 1/);
  });
});
