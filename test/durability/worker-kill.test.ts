import assert from 'node:assert/strict';
import { getProgressQuery } from '../../src/workflows/definitions';
import {
  POLLING_DESIGNS,
  startDurabilityWorld,
  uniqueName,
  waitFor,
  type DurabilityWorld,
} from './support/durability-world';
import { Measurements, seconds, workerIdentitiesIn } from './support/measurements';

// A worker process dies with SIGKILL (no graceful shutdown, no chance to report anything) and a new
// process takes over. Temporal alone must carry the workflow: no spec is lost or created twice.

describe('durability: a worker process killed with SIGKILL on a real dev server', function () {
  this.timeout(90_000);
  const measurements = new Measurements('SIGKILL recovery (kill -> first API request by the new worker)');
  let world: DurabilityWorld;

  beforeEach(async function () {
    world = await startDurabilityWorld({ completion: { manual: true } });
  });

  afterEach(async function () {
    await world?.close();
  });

  after(() => measurements.print());

  for (const design of POLLING_DESIGNS) {
    it(`${design}: killed between reads, a new worker finishes the workflow with exactly one spec`, async function () {
      const first = world.spawnWorker();
      await first.ready();
      const name = uniqueName(`kill-${design}`);
      const handle = await world.start(name, design);
      await world.untilPolling(handle, 2);
      const killedAt = Date.now();
      await first.kill9();
      const readsBeforeKill = world.reads();
      const second = world.spawnWorker();
      await second.ready();
      const readyAt = Date.now();
      await waitFor('a status read by the new worker', () => world.reads() > readsBeforeKill || undefined, 60_000);
      const readAt = Date.now();
      world.simulator.control.complete(name);
      const result = await handle.result();
      measurements.record(
        `${design}, between reads: ${seconds(readAt - killedAt)} (new worker polling after ` +
          `${seconds(readyAt - killedAt)}; ${readsBeforeKill} reads before the kill, ${world.reads() - readsBeforeKill} after)`,
      );

      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.name, name);
      assert.equal(world.simulator.counters().createdByName[name], 1);
      assert.equal(world.simulator.counters().requests.create, 1);
      // Both processes worked on it: the killed pid was the worker itself, not a wrapper around it.
      const identities = await workerIdentitiesIn(handle);
      assert.ok(identities.has(first.identity), `${first.identity} not in ${[...identities].join(', ')}`);
      assert.ok(identities.has(second.identity), `${second.identity} not in ${[...identities].join(', ')}`);
    });
  }

  it('createSpec: killed after the server stored the spec but before the answer, the retry adopts it', async function () {
    // The simulator stores the spec at once and holds the 202 back: the kill lands between the two.
    world.simulator.control.injectOnce('slowMs', { endpoint: 'create', delayMs: 60_000 });
    const first = world.spawnWorker();
    await first.ready();
    const name = uniqueName('kill-create');
    const handle = await world.start(name, 'activity-retry');
    await waitFor('the spec stored', () => world.simulator.counters().createdByName[name], 30_000);
    const killedAt = Date.now();
    await first.kill9();
    const second = world.spawnWorker();
    await second.ready();
    const readyAt = Date.now();
    // A retried create looks its spec up by name before anything else.
    await waitFor('the retried create', () => world.simulator.counters().requests.list > 0 || undefined, 60_000);
    const retriedAt = Date.now();
    world.simulator.control.complete(name);
    const result = await handle.result();
    measurements.record(
      `createSpec in flight: ${seconds(retriedAt - killedAt)} until the retried create ` +
        `(new worker polling after ${seconds(readyAt - killedAt)})`,
    );

    assert.equal(result.status, 'SUCCEEDED');
    const counters = world.simulator.counters();
    assert.equal(counters.createdByName[name], 1);
    assert.equal(counters.requests.create, 1, 'the retry adopted the spec instead of posting again');
    assert.equal((await handle.query(getProgressQuery)).adopted, true);
  });

  for (const design of POLLING_DESIGNS) {
    it(`${design}: killed while a status read is in flight, the read is made again by the new worker`, async function () {
      const first = world.spawnWorker();
      await first.ready();
      const name = uniqueName(`kill-read-${design}`);
      const handle = await world.start(name, design);
      await world.untilPolling(handle, 2);
      world.simulator.control.injectOnce('slowMs', { endpoint: 'get', delayMs: 60_000 });
      await waitFor('the slow read in flight', () => world.simulator.counters().inFlight > 0 || undefined, 10_000);
      const killedAt = Date.now();
      await first.kill9();
      const readsBeforeKill = world.reads();
      const second = world.spawnWorker();
      await second.ready();
      // Remote activities: the heartbeat timeout; the local activity: the workflow task timeout.
      await waitFor('the read made again', () => world.reads() > readsBeforeKill || undefined, 60_000);
      const readAt = Date.now();
      world.simulator.control.complete(name);
      const result = await handle.result();
      measurements.record(`${design}, read in flight: ${seconds(readAt - killedAt)}`);

      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(world.simulator.counters().createdByName[name], 1);
    });
  }
});
