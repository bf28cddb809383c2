// The CLI's client commands as a user runs them, against a real dev server, our simulator and a worker
// on its own task queue: create (live and --json), create that fails, status, cancel --delete.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { seedlessRequest } from '../support/spec-harness';
import { FAST_POLL, useCliWorld } from './support/cli-world';

describe('cli: create, status and cancel on a dev server with the simulator', function () {
  this.timeout(90_000);
  const cliWorld = useCliWorld({ completion: { afterReads: 2 }, failNamesMatching: '^fails-' });
  const { cli } = cliWorld;

  /** The patch ids of the markers in a workflow's history. */
  async function markersOf(workflowId: string): Promise<string[]> {
    const { events } = await cliWorld.world.env.client.workflow.getHandle(workflowId).fetchHistory();
    return (events ?? []).flatMap((event) => {
      const payload = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0];
      return payload ? [defaultPayloadConverter.fromPayload<{ id: string }>(payload).id] : [];
    });
  }

  it('create shows progress without redraws off a terminal and exits 0 with the spec', async function () {
    const { name, generation_objectives } = seedlessRequest('cli-live');
    const run = await cli(['create', '--name', name, '--generation-objectives', generation_objectives, ...FAST_POLL]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!run.stdout.includes('\u001b['), 'no colours or cursor moves without a TTY');
    assert.match(run.stdout, new RegExp(`\\] ${name}\\s+waiting`), 'a progress line per change');
    assert.match(run.stdout, new RegExp(`^${name}  SUCCEEDED  spec [0-9a-f-]{36}`, 'm'));
    assert.equal(cliWorld.harness.simulator.counters().createdByName[name], 1);
  });

  it('create --json prints JSON lines ending with the result; status then reads it back', async function () {
    const { name, generation_objectives } = seedlessRequest('cli-json');
    const run = await cli([
      'create',
      '--json',
      '--name',
      name,
      '--generation-objectives',
      generation_objectives,
      ...FAST_POLL,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.jsonLines();
    assert.equal(lines[0]?.type, 'started');
    assert.ok(lines.some((line) => line.type === 'progress' && line.phase === 'waiting'));
    const result = lines.at(-1)!;
    assert.equal(result.type, 'result');
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.workflowId, `dataframer-spec/seedless/${name}`);
    assert.match(String((result.spec as { content_yaml?: string }).content_yaml), /spec_version/);

    const status = await cli(['status', name, '--json']);
    assert.equal(status.code, 0, status.stderr);
    const read = status.jsonLines().at(-1)!;
    assert.deepEqual([read.workflowStatus, read.status, read.specId], ['COMPLETED', 'SUCCEEDED', result.specId]);
  });

  it('create exits 1 when DataFramer fails the spec, with the failure type', async function () {
    const name = `fails-${randomUUID()}`;
    const run = await cli(['create', '--json', '--name', name, '--generation-objectives', 'x', ...FAST_POLL]);
    assert.equal(run.code, 1, run.stderr);
    const result = run.jsonLines().at(-1)!;
    assert.equal(result.status, 'FAILED');
    assert.equal((result.failure as { type: string }).type, 'SpecGenerationFailed');
    const status = await cli(['status', name]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /FAILED/);
  });

  it('create --no-wait prints the workflow id; cancel --delete cancels it and deletes the spec', async function () {
    const name = `cli-cancel-${randomUUID()}`;
    // The first read is a minute away: the spec is still PROCESSING when cancelled.
    const started = await cli([
      'create',
      '--no-wait',
      '--name',
      name,
      '--generation-objectives',
      'x',
      '--poll-interval',
      '1m',
    ]);
    assert.equal(started.code, 0, started.stderr);
    assert.equal(started.stdout.trim(), `dataframer-spec/seedless/${name}`);
    for (let i = 0; i < 50 && cliWorld.harness.simulator.counters().createdByName[name] === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deletesBefore = cliWorld.harness.simulator.counters().requests.delete;
    const run = await cli(['cancel', name, '--delete', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const result = run.jsonLines().at(-1)!;
    assert.deepEqual([result.workflowStatus, result.cancelled, result.specDeleted], ['CANCELLED', true, true]);
    assert.equal(cliWorld.harness.simulator.counters().requests.delete, deletesBefore + 1);
    assert.deepEqual(await markersOf(`dataframer-spec/seedless/${name}`), [], 'no patch marker off the creating path');
    const status = await cli(['status', name]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /CANCELLED/);
  });

  it('cancel --delete while the create retries after an ambiguous 500 deletes the spec that POST made', async function () {
    const name = `cli-cancel-creating-${randomUUID()}`;
    const { simulator } = cliWorld.harness;
    const before = simulator.counters();
    // The first POST stores the spec and answers 500; the retries' look-ups fail for about 15 s (1 + 2 + 4 + 8 s
    // of backoff), so the cancellation arrives while the create is still being retried.
    simulator.control.injectOnce('ambiguousCreate', { endpoint: 'create', mode: '500' });
    for (let i = 0; i < 3; i++) simulator.control.injectOnce('http500', { endpoint: 'list' });
    const started = await cli(['create', '--no-wait', '--name', name, '--generation-objectives', 'x']);
    assert.equal(started.code, 0, started.stderr);
    for (let i = 0; i < 100 && simulator.counters().faults.http500 === before.faults.http500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(simulator.counters().createdByName[name], 1, 'the ambiguous POST stored the spec');
    const run = await cli(['cancel', name, '--delete', '--json', '--wait', '45']);
    assert.equal(run.code, 0, run.stderr);
    const result = run.jsonLines().at(-1)!;
    assert.deepEqual([result.workflowStatus, result.specDeleted], ['CANCELLED', true], JSON.stringify(result));
    assert.equal(simulator.counters().createdByName[name], 1, 'one spec made');
    assert.equal(simulator.counters().requests.delete, before.requests.delete + 1);
    const left = await cliWorld.harness.client.findSpecInScope({ name });
    assert.equal(left.spec, undefined, 'no spec of that name left on DataFramer');
    assert.deepEqual(await markersOf(`dataframer-spec/seedless/${name}`), [
      'dataframer-create-cancel-decided-on-arrival',
    ]);
  });

  it('status and cancel exit 2 for a spec that was never started', async function () {
    const [status, cancel] = await Promise.all([cli(['status', 'never-started']), cli(['cancel', 'never-started'])]);
    assert.deepEqual([status.code, cancel.code], [2, 2]);
    assert.match(status.stderr, /No spec workflow for name "never-started"/);
  });
});
