import assert from 'node:assert/strict';
import { DATA_PLANE_REASON, startSimulator, type SimulatorOptions } from '../../src/simulator';
import { call, createSeedless, getSpec, SPECS } from './helpers';

async function withSimulator(
  options: SimulatorOptions,
  body: (sim: Awaited<ReturnType<typeof startSimulator>>) => Promise<void>,
) {
  const sim = await startSimulator(options);
  try {
    await body(sim);
  } finally {
    await sim.close();
  }
}

describe('simulator time control', () => {
  it('completes after afterMs on the injected clock, stamping updated_at at the deadline', async () => {
    let now = Date.parse('2025-03-01T12:00:00.000Z');
    await withSimulator({ clock: () => now, completion: { afterMs: 60_000 } }, async (sim) => {
      const id = await createSeedless(sim, 'Timed');
      assert.equal((await getSpec(sim, id)).status, 'PROCESSING');
      now += 59_999;
      assert.equal((await getSpec(sim, id)).status, 'PROCESSING');
      now += 10_000;
      const done = await getSpec(sim, id);
      assert.equal(done.status, 'SUCCEEDED');
      assert.equal(done.created_at, '2025-03-01T12:00:00.000Z');
      assert.equal(done.updated_at, '2025-03-01T12:01:00.000Z');
    });
  });

  it('uses the default 5 s when completion is omitted, and lists show the same lazy status', async () => {
    let now = 1_000_000;
    await withSimulator({ clock: () => now }, async (sim) => {
      assert.deepEqual(sim.options.completion, { afterMs: 5_000 });
      const id = await createSeedless(sim, 'Default');
      now += 5_000;
      const list = (await call(sim, 'GET', SPECS)).json as { id: string; status: string }[];
      assert.deepEqual(list, [{ ...list[0], id, status: 'SUCCEEDED' }]);
    });
  });

  it('completes on the read after afterReads PROCESSING reads (list reads do not count)', async () => {
    await withSimulator({ completion: { afterReads: 2 } }, async (sim) => {
      const id = await createSeedless(sim, 'Read twice');
      await call(sim, 'GET', SPECS);
      assert.equal((await getSpec(sim, id)).status, 'PROCESSING');
      assert.equal((await getSpec(sim, id)).status, 'PROCESSING');
      assert.equal((await getSpec(sim, id)).status, 'SUCCEEDED');
    });
  });

  it('ends FAILED with an error for names matching failNamesMatching', async () => {
    await withSimulator({ completion: { afterReads: 0 }, failNamesMatching: '^doomed-' }, async (sim) => {
      const failed = await getSpec(sim, await createSeedless(sim, 'doomed-1'));
      assert.equal(failed.status, 'FAILED');
      assert.match(failed.error ?? '', /doomed-1/);
      assert.equal(failed.content_yaml, null);
      assert.equal((await getSpec(sim, await createSeedless(sim, 'fine-1'))).status, 'SUCCEEDED');
    });
  });

  it('manual: only the control API ends specs, by name or id, over HTTP', async () => {
    await withSimulator({ completion: { manual: true, afterMs: 0, afterReads: 0 } }, async (sim) => {
      const good = await createSeedless(sim, 'Manual good');
      const bad = await createSeedless(sim, 'Manual bad');
      assert.equal((await getSpec(sim, good)).status, 'PROCESSING');
      const completed = await call(sim, 'POST', `/_simulator/control/complete/${encodeURIComponent('Manual good')}/`);
      assert.equal(completed.status, 200);
      assert.equal((completed.json as { id: string }).id, good);
      assert.equal((await getSpec(sim, good)).status, 'SUCCEEDED');
      const failed = await call(sim, 'POST', `/_simulator/control/fail/${bad}/`, {
        body: { message: 'model quota exhausted' },
      });
      assert.equal(failed.status, 200);
      const spec = await getSpec(sim, bad);
      assert.deepEqual([spec.status, spec.error, spec.content_yaml], ['FAILED', 'model quota exhausted', null]);
    });
  });

  it('control API: outcome choice, 404 for unknown specs, 400 for a missing message, 401 without the key', async () => {
    await withSimulator({ completion: { manual: true } }, async (sim) => {
      const id = await createSeedless(sim, 'Chosen');
      const forced = await call(sim, 'POST', `/_simulator/control/complete/${id}/`, { body: { outcome: 'FAILED' } });
      assert.equal((forced.json as { status: string }).status, 'FAILED');
      assert.equal((await call(sim, 'POST', '/_simulator/control/complete/nobody/')).status, 404);
      assert.equal((await call(sim, 'POST', `/_simulator/control/fail/${id}/`, { body: {} })).status, 400);
      assert.equal((await call(sim, 'POST', `/_simulator/control/complete/${id}/`, { apiKey: null })).status, 401);
      assert.throws(() => sim.control.fail('nobody', 'x'), { name: 'SpecNotFoundError' });
    });
  });
});

describe('simulator data-plane mode', () => {
  it('SUCCEEDED specs carry no YAML but a reason and an s3 location', async () => {
    await withSimulator({ dataPlane: true, completion: { afterReads: 1 } }, async (sim) => {
      const id = await createSeedless(sim, 'Customer hosted');
      const processing = await getSpec(sim, id);
      assert.equal(processing.content_unavailable_reason, undefined);
      const spec = await getSpec(sim, id, '?include_versions=true');
      assert.equal(spec.status, 'SUCCEEDED');
      assert.equal(spec.content_yaml, null);
      assert.equal(spec.content_unavailable_reason, DATA_PLANE_REASON);
      assert.match(String(spec.content_location), /^s3:\/\/.+\.yaml$/);
      const [version] = spec.versions as { content_yaml: unknown; content_location: unknown }[];
      assert.deepEqual(version && [version.content_yaml, version.content_location], [null, spec.content_location]);
    });
  });
});

describe('simulator list pagination', () => {
  it('answers DRF pages when listPageSize is set, following next links', async () => {
    await withSimulator({ listPageSize: 2 }, async (sim) => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await createSeedless(sim, `Page ${i}`));
      const seen: string[] = [];
      let next: string | null = `${sim.url}${SPECS}`;
      const pages: { count: number; previous: string | null; results: { id: string }[] }[] = [];
      while (next) {
        const res = await fetch(next, { headers: { authorization: `Bearer ${sim.apiKey}` } });
        const page = (await res.json()) as {
          count: number;
          next: string | null;
          previous: string | null;
          results: { id: string }[];
        };
        pages.push(page);
        seen.push(...page.results.map((s) => s.id));
        next = page.next;
      }
      assert.deepEqual(seen, [...ids].reverse());
      assert.deepEqual(
        pages.map((p) => [p.count, p.results.length]),
        [
          [5, 2],
          [5, 2],
          [5, 1],
        ],
      );
      assert.equal(pages[0]?.previous, null);
      assert.equal(pages[1]?.previous, `${sim.url}${SPECS}`);
      assert.equal(pages[2]?.previous, `${sim.url}${SPECS}?page=2`);
      const beyond = await call(sim, 'GET', `${SPECS}?page=4`);
      assert.deepEqual([beyond.status, beyond.json], [404, { detail: 'Invalid page.' }]);
    });
  });
});
