// Exit 3 for DataFramer unreachable, as a user meets it: a worker whose DataFramer (the simulator) is
// stopped, and a create that either bounds its attempts or runs out of its deadline through the outage.
import assert from 'node:assert/strict';
import { seedlessRequest } from '../support/spec-harness';
import { useCliWorld } from './support/cli-world';

describe('cli: exit 3 when DataFramer is unreachable (dev server, worker, simulator stopped)', function () {
  this.timeout(90_000);
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
