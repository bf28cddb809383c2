import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import { call, createSeedless, SPECS } from './helpers';

type Summary = Record<string, unknown> & { id: string; name: string };

async function withSimulator(options: SimulatorOptions, body: (sim: RunningSimulator) => Promise<void>) {
  const sim = await startSimulator({ completion: { manual: true }, ...options });
  try {
    await body(sim);
  } finally {
    await sim.close();
  }
}

const listIds = async (sim: RunningSimulator) =>
  ((await call(sim, 'GET', SPECS)).json as Summary[]).map((spec) => spec.id);

describe('simulator: as strict as DataFramer on what adoption reads', () => {
  it('names are unique within a dataset and among seedless specs, not across them', async () => {
    await withSimulator({}, async (sim) => {
      const name = 'Shared name';
      const datasetA = randomUUID();
      const bodies = [
        { name, generation_objectives: 'Reviews' },
        { name, dataset_id: datasetA },
        { name, dataset_id: randomUUID() },
      ];
      for (const body of bodies) assert.equal((await call(sim, 'POST', SPECS, { body })).status, 202);
      for (const body of [bodies[0], { name, dataset_id: datasetA.toUpperCase() }]) {
        const again = await call(sim, 'POST', SPECS, { body });
        assert.equal(again.status, 400, JSON.stringify(body));
        assert.deepEqual(again.json, { name: ['spec with this name already exists.'] });
      }
    });
  });

  it('answers ids in lower case when asked in upper case, and finds a spec by its upper-case id', async () => {
    await withSimulator({}, async (sim) => {
      const datasetId = randomUUID().toUpperCase();
      const created = await call(sim, 'POST', SPECS, { body: { name: 'Upper', dataset_id: datasetId } });
      const { id } = created.json as { id: string };
      assert.equal(id, id.toLowerCase());
      const read = await call(sim, 'GET', `${SPECS}${id.toUpperCase()}/`);
      assert.equal(read.status, 200);
      assert.equal((read.json as Summary).id, id);
      assert.equal((read.json as Summary).dataset_id, datasetId.toLowerCase());
      const [listed] = (await call(sim, 'GET', SPECS)).json as Summary[];
      assert.equal(listed?.dataset_id, datasetId.toLowerCase());
    });
  });

  it('lists summaries only: the eight documented fields, never the YAML', async () => {
    await withSimulator({}, async (sim) => {
      const id = await createSeedless(sim, 'Summary');
      sim.control.complete(id);
      const [listed] = (await call(sim, 'GET', SPECS)).json as Summary[];
      assert.deepEqual(Object.keys(listed ?? {}).sort(), [
        'created_at',
        'dataset_id',
        'dataset_name',
        'dataset_type',
        'description',
        'id',
        'name',
        'status',
      ]);
    });
  });

  it('a lagging list shows a new spec only after N list calls and N ms; reads by id see it at once', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    await withSimulator({ clock: () => now, listLag: { afterListCalls: 2, afterMs: 1_000 } }, async (sim) => {
      const id = await createSeedless(sim, 'Lagging');
      assert.equal((await call(sim, 'GET', `${SPECS}${id}/`)).status, 200);
      assert.deepEqual(await listIds(sim), [], 'list call 1');
      assert.deepEqual(await listIds(sim), [], 'list call 2');
      assert.deepEqual(await listIds(sim), [], 'list call 3: calls done, 1 s not yet');
      now += 1_000;
      assert.deepEqual(await listIds(sim), [id]);
      sim.control.setAdoptionStrictness({ listLag: {} });
      const second = await createSeedless(sim, 'Not lagging');
      assert.deepEqual(await listIds(sim), [second, id]);
    });
  });

  for (const skewMs of [-3_600_000, -60_000, 60_000, 3_600_000]) {
    it(`a clock skewed ${skewMs / 60_000} min stamps created_at and the Date header alike`, async () => {
      await withSimulator({ clockSkewMs: skewMs }, async (sim) => {
        const before = Date.now();
        const created = await call(sim, 'POST', SPECS, { body: { name: 'Skewed', generation_objectives: 'x' } });
        const [listed] = (await call(sim, 'GET', SPECS)).json as Summary[];
        const createdAt = Date.parse(String(listed?.created_at));
        const date = Date.parse(created.headers.get('date') ?? '');
        assert.ok(Math.abs(createdAt - (before + skewMs)) < 2_000, `created_at ${String(listed?.created_at)}`);
        assert.ok(Math.abs(date - (before + skewMs)) < 2_000, `Date ${created.headers.get('date')}`);
      });
    });
  }

  it('the control API changes the lag and the skew of a running simulator', async () => {
    await withSimulator({}, async (sim) => {
      const set = await call(sim, 'POST', '/_simulator/adoption-strictness/', {
        body: { clockSkewMs: -45_000, listLag: { afterListCalls: 1 } },
      });
      assert.equal(set.status, 200);
      assert.deepEqual([sim.options.clockSkewMs, sim.options.listLag], [-45_000, { afterMs: 0, afterListCalls: 1 }]);
      const bad = await call(sim, 'POST', '/_simulator/adoption-strictness/', { body: { clockSkewMs: 'soon' } });
      assert.equal(bad.status, 400);
    });
  });
});
