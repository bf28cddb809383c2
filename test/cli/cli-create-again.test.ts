// `dataframer-temporal create` run twice with the same name, as a new user would (issue 21.11): the
// second run shows the spec the first made instead of failing on its own name.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { FAST_POLL, useCliWorld } from './support/cli-world';

describe('cli: create twice on a dev server with the simulator', function () {
  this.timeout(60_000);
  const cliWorld = useCliWorld({ completion: { afterReads: 1 } });
  const { cli } = cliWorld;

  it('create --name ticket-<id> twice: the second prints SUCCEEDED with the same spec id and exits 0; one spec', async function () {
    const name = `ticket-${randomUUID().slice(0, 8)}`;
    const args = ['create', '--name', name, '--generation-objectives', 'Support tickets', ...FAST_POLL];
    const first = await cli(args);
    assert.equal(first.code, 0, first.stderr);
    const second = await cli(args);
    assert.equal(second.code, 0, `${second.stdout}\n${second.stderr}`);
    const specLine = new RegExp(`^${name}  SUCCEEDED  spec ([0-9a-f-]{36})`, 'm');
    const [firstId, secondId] = [first, second].map((run) => specLine.exec(run.stdout)?.[1]);
    assert.ok(firstId, first.stdout);
    assert.equal(secondId, firstId, second.stdout);
    assert.match(second.stdout, /already succeeded/, 'says it shows the earlier result, not a new start');
    assert.equal(cliWorld.harness.simulator.counters().createdByName[name], 1);
    assert.equal(cliWorld.harness.simulator.counters().requests.create, 1);
  });

  it('create --json twice: the second answers the same result', async function () {
    const name = `ticket-${randomUUID().slice(0, 8)}`;
    const args = ['create', '--json', '--name', name, '--generation-objectives', 'Support tickets', ...FAST_POLL];
    const [first, second] = [await cli(args), await cli(args)];
    assert.deepEqual([first.code, second.code], [0, 0], second.stdout);
    const [a, b] = [first, second].map((run) => run.jsonLines().at(-1)) as Record<string, unknown>[];
    assert.deepEqual([b?.status, b?.specId, b?.workflowId], ['SUCCEEDED', a?.specId, a?.workflowId]);
  });
});
