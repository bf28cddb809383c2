import assert from 'node:assert/strict';
import { FAULT_KINDS, type FaultKind } from '../../src/simulator';
import { POLLING_DESIGNS, startDurabilityWorld, uniqueName, type DurabilityWorld } from './support/durability-world';
import { Measurements, seconds, workerIdentitiesIn } from './support/measurements';
import type { WorkerProcess } from '../support/worker-process';

// Status reads fail often (500s, 429s with Retry-After, dropped connections) while two worker
// processes share one task queue: every workflow must still succeed, and no spec be created twice.

const WORKFLOWS = 5;

describe('durability: faults on every status-read path, two worker processes on one task queue', function () {
  this.timeout(90_000);
  const measurements = new Measurements(`faulty reads, ${WORKFLOWS} concurrent workflows per design`);
  let world: DurabilityWorld;
  let workers: WorkerProcess[];

  before(async function () {
    world = await startDurabilityWorld({
      completion: { afterMs: 4_000 },
      faults: {
        http500: 0.2,
        rateLimit: { probability: 0.1, retryAfter: { seconds: 1 } },
        reset: 0.05,
        endpoints: ['get'],
      },
      seed: 7,
    });
    workers = [world.spawnWorker(), world.spawnWorker()];
    await Promise.all(workers.map((worker) => worker.ready()));
  });

  after(async function () {
    await world?.close();
    measurements.print();
  });

  const faultCounts = () => world.simulator.counters().faults;

  function describeFaults(before: Record<FaultKind, number>): string {
    const after = faultCounts();
    const applied = FAULT_KINDS.map((kind) => [kind, after[kind] - before[kind]] as const).filter(([, n]) => n > 0);
    return applied.map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none';
  }

  for (const design of POLLING_DESIGNS) {
    it(`${design}: ${WORKFLOWS} concurrent workflows succeed, each spec created once, both workers at work`, async function () {
      const faultsBefore = faultCounts();
      const readsBefore = world.reads();
      const startedAt = Date.now();
      const names = Array.from({ length: WORKFLOWS }, (_, index) => uniqueName(`faults-${design}-${index}`));
      const handles = await Promise.all(names.map((name) => world.start(name, design)));
      const durations: number[] = [];
      const results = await Promise.all(
        handles.map(async (handle) => {
          const result = await handle.result();
          durations.push(Date.now() - startedAt);
          return result;
        }),
      );
      measurements.record(
        `${design}: ${results.length}/${WORKFLOWS} succeeded in ${durations.map(seconds).join(', ')}; ` +
          `${world.reads() - readsBefore} reads, faults injected: ${describeFaults(faultsBefore)}`,
      );

      const created = world.simulator.counters().createdByName;
      for (const [index, result] of results.entries()) {
        assert.equal(result.status, 'SUCCEEDED');
        assert.equal(result.name, names[index]);
        assert.equal(created[names[index]!], 1, `${names[index]} created ${created[names[index]!]} times`);
      }
      const identities = new Set<string>();
      for (const handle of handles) for (const identity of await workerIdentitiesIn(handle)) identities.add(identity);
      for (const worker of workers) {
        assert.ok(identities.has(worker.identity), `${worker.identity} did no work: ${[...identities].join(', ')}`);
      }
    });
  }
});
