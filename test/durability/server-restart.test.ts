import assert from 'node:assert/strict';
import {
  POLLING_DESIGNS,
  startDurabilityWorld,
  uniqueName,
  waitFor,
  type DurabilityWorld,
} from './support/durability-world';
import { Measurements, seconds, workerIdentitiesIn } from './support/measurements';

// The Temporal server goes away while a workflow polls and comes back on the same SQLite file. The
// worker process is left alone: it must reconnect by itself, and the workflow carry on from its
// persisted history (timers and activity retries included).

const DOWN_MS = 2_000;

describe('durability: the Temporal dev server restarted mid-poll (same port, same SQLite file)', function () {
  this.timeout(90_000);
  const measurements = new Measurements(`Temporal server restart (down ${seconds(DOWN_MS)} plus stop and start)`);
  let world: DurabilityWorld;

  beforeEach(async function () {
    world = await startDurabilityWorld({ completion: { manual: true } });
  });

  afterEach(async function () {
    await world?.close();
  });

  after(() => measurements.print());

  for (const design of POLLING_DESIGNS) {
    it(`${design}: the same worker reconnects and the workflow completes with exactly one spec`, async function () {
      const worker = world.spawnWorker();
      await worker.ready();
      const name = uniqueName(`restart-${design}`);
      const handle = await world.start(name, design);
      await world.untilPolling(handle, 2);
      const stoppedAt = Date.now();
      await world.restartServer(DOWN_MS);
      const servingAt = Date.now();
      const readsAtRestart = world.reads();
      await waitFor('a status read after the restart', () => world.reads() > readsAtRestart || undefined, 60_000);
      const readAt = Date.now();
      world.simulator.control.complete(name);
      const result = await handle.result();
      const doneAt = Date.now();
      measurements.record(
        `${design}: server back ${seconds(servingAt - stoppedAt)} after the stop; first read ` +
          `${seconds(readAt - servingAt)} later; completed ${seconds(doneAt - readAt)} after the spec was ` +
          `(${seconds(doneAt - stoppedAt)} from the stop)`,
      );

      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(result.name, name);
      assert.equal(world.simulator.counters().createdByName[name], 1);
      assert.equal(world.simulator.counters().requests.create, 1);
      assert.ok(worker.alive(), `the worker exited during the outage:\n${worker.output()}`);
      assert.deepEqual([...(await workerIdentitiesIn(handle))], [worker.identity]);
    });
  }
});
